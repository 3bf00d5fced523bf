import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import BlockIcon from '@material-ui/icons/Block';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import ScheduleIcon from '@material-ui/icons/Schedule';
import SyncIcon from '@material-ui/icons/Sync';
import UpdateIcon from '@material-ui/icons/Update';
import { ReactElement } from 'react';

/** The tone of a chip: decides its icon and the icon's colour. */
export type StateTone =
  | 'ok'
  | 'waiting'
  | 'action'
  | 'running'
  | 'error'
  | 'blocked'
  | 'unknown';

const useStyles = makeStyles(theme => ({
  ok: { color: theme.palette.success.main },
  waiting: { color: theme.palette.info.main },
  action: { color: theme.palette.warning.main },
  running: { color: theme.palette.info.main },
  error: { color: theme.palette.error.main },
  blocked: { color: theme.palette.error.main },
  unknown: { color: theme.palette.text.secondary },
}));

const ICONS: Record<StateTone, typeof CheckCircleIcon> = {
  ok: CheckCircleIcon,
  waiting: ScheduleIcon,
  action: UpdateIcon,
  running: SyncIcon,
  error: ErrorIcon,
  blocked: BlockIcon,
  unknown: HelpOutlineIcon,
};

/**
 * An outlined chip whose text carries the meaning; the coloured icon only
 * repeats it, so the chip reads the same without colour.
 */
export function StateChip(props: {
  label: string;
  tone: StateTone;
}): ReactElement {
  const classes = useStyles();
  const Icon = ICONS[props.tone];
  return (
    <Chip
      size="small"
      variant="outlined"
      label={props.label}
      icon={<Icon className={classes[props.tone]} />}
    />
  );
}
