import {
  ELIGIBILITY_STATES,
  EligibilityState,
  ImageListOrder,
} from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { ReactElement } from 'react';
import { labelEligibilityState } from '../shared/describeEligibility';

/** The filters of the fleet list, as the user set them. */
export interface FleetFilterValues {
  state?: EligibilityState;
  owner?: string;
  search: string;
  order: ImageListOrder;
}

/**
 * State, owner and search filters and the sort order of the fleet list. Owners
 * are suggested from those seen so far; any owner entity ref can be typed.
 */
export function FleetFilters(props: {
  value: FleetFilterValues;
  owners: string[];
  onChange: (value: FleetFilterValues) => void;
}): ReactElement {
  const { value, owners, onChange } = props;
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      gridGap={16}
      alignItems="flex-end"
      mb={2}
    >
      <TextField
        id="image-factory-filter-state"
        select
        label="State"
        value={value.state ?? 'all'}
        onChange={e =>
          onChange({
            ...value,
            state:
              e.target.value === 'all'
                ? undefined
                : (e.target.value as EligibilityState),
          })
        }
        style={{ minWidth: 160 }}
      >
        <MenuItem value="all">All states</MenuItem>
        {ELIGIBILITY_STATES.map(state => (
          <MenuItem key={state} value={state}>
            {labelEligibilityState(state)}
          </MenuItem>
        ))}
      </TextField>
      <Autocomplete
        id="image-factory-filter-owner"
        freeSolo
        options={owners}
        value={value.owner ?? null}
        onChange={(_, owner) =>
          onChange({ ...value, owner: owner || undefined })
        }
        style={{ minWidth: 280 }}
        renderInput={params => <TextField {...params} label="Owner" />}
      />
      <TextField
        id="image-factory-filter-search"
        label="Search"
        type="search"
        value={value.search}
        onChange={e => onChange({ ...value, search: e.target.value })}
      />
      <TextField
        id="image-factory-order"
        select
        label="Sort by"
        value={value.order}
        onChange={e =>
          onChange({ ...value, order: e.target.value as ImageListOrder })
        }
        style={{ minWidth: 200 }}
      >
        <MenuItem value="staleness">Stalest first</MenuItem>
        <MenuItem value="name">Name</MenuItem>
      </TextField>
    </Box>
  );
}
