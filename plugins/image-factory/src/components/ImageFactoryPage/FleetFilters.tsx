import {
  ELIGIBILITY_STATES,
  EligibilityState,
  ImageListOrder,
} from '@image-factory/backstage-plugin-image-factory-common';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { ReactElement, useEffect, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { labelEligibilityState } from '../shared/describeEligibility';

/** The filters of the fleet list, as the user set them. */
export interface FleetFilterValues {
  state?: EligibilityState;
  owner?: string;
  search: string;
  /** The list's order; a view without one (the graph) offers none. */
  order?: ImageListOrder;
}

/**
 * State, owner and search filters, and the sort order where the view has one. Owners
 * are suggested from those seen so far; any owner entity ref can be typed.
 */
export function FleetFilters(props: {
  /** Prefix of the fields' ids, one per set of filters on a page. */
  id: string;
  /** The accessible name of this set of filters, e.g. `Filter images`. */
  label: string;
  value: FleetFilterValues;
  owners: string[];
  onChange: (value: FleetFilterValues) => void;
}): ReactElement {
  const { value, owners, onChange } = props;
  return (
    <Box
      role="search"
      aria-label={props.label}
      display="flex"
      flexWrap="wrap"
      gridGap={16}
      alignItems="flex-end"
      mb={2}
    >
      <TextField
        id={`${props.id}-state`}
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
        id={`${props.id}-owner`}
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
        id={`${props.id}-search`}
        label="Search"
        type="search"
        value={value.search}
        onChange={e => onChange({ ...value, search: e.target.value })}
      />
      {value.order && (
        <TextField
          id={`${props.id}-order`}
          select
          label="Sort by"
          value={value.order}
          onChange={e =>
            onChange({ ...value, order: e.target.value as ImageListOrder })
          }
          style={{ minWidth: 200 }}
        >
          <MenuItem value="staleness">Most urgent first</MenuItem>
          <MenuItem value="name">Name</MenuItem>
        </TextField>
      )}
    </Box>
  );
}

/**
 * The owners seen on the pages loaded so far, sorted, to suggest in the owner
 * filter; a page whose owners are all known keeps the list as it was.
 */
export function useSeenOwners(
  owners: readonly (string | null | undefined)[] | undefined,
): string[] {
  const [known, setKnown] = useState<string[]>([]);
  useEffect(() => {
    const seen = (owners ?? []).filter((o): o is string => Boolean(o));
    setKnown(previous => {
      const merged = new Set([...previous, ...seen]);
      return merged.size === previous.length ? previous : [...merged].sort();
    });
  }, [owners]);
  return known;
}

/**
 * The state of one set of fleet filters: what the user set, and the query it
 * makes, whose search follows the typed text once typing pauses. A change
 * goes back to the first page, through `onChange`.
 */
export function useFleetFilters(
  initial: FleetFilterValues,
  onChange: () => void,
): {
  value: FleetFilterValues;
  setValue: (next: FleetFilterValues) => void;
  query: { state?: EligibilityState; owner?: string; search?: string };
  /** True when any filter narrows the list. */
  filtered: boolean;
} {
  const [value, setFilters] = useState(initial);
  const [search, setSearch] = useState('');
  useDebounce(() => setSearch(value.search.trim()), 300, [value.search]);
  return {
    value,
    setValue: next => {
      setFilters(next);
      onChange();
    },
    query: {
      state: value.state,
      owner: value.owner,
      search: search || undefined,
    },
    filtered: Boolean(value.state || value.owner || search),
  };
}
