import Box from '@material-ui/core/Box';
import { makeStyles } from '@material-ui/core/styles';
import { ReactElement, ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
  },
  term: { color: theme.palette.text.secondary },
  // A long reference wraps inside its column instead of widening the grid.
  definition: { margin: 0, minWidth: 0 },
}));

/** Terms and their values in two columns, as a description list. */
export function Details(props: {
  entries: [string, ReactNode][];
}): ReactElement {
  const classes = useStyles();
  return (
    <dl className={classes.list}>
      {props.entries.map(([term, definition]) => (
        <Box key={term} display="contents">
          <dt className={classes.term}>{term}</dt>
          <dd className={classes.definition}>{definition}</dd>
        </Box>
      ))}
    </dl>
  );
}
