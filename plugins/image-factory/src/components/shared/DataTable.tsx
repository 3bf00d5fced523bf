import Table from '@material-ui/core/Table';
import TableCell, { TableCellProps } from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import { makeStyles } from '@material-ui/core/styles';
import { ReactElement, ReactNode } from 'react';

const useStyles = makeStyles({
  oneLine: { whiteSpace: 'nowrap' },
  // Backstage's theme lets table cells break words anywhere, which splits
  // names, states and times mid-word in a narrow column ("Manua|l"). Words
  // stay whole; a table too wide for its card scrolls inside it.
  table: { '& th, & td': { wordBreak: 'normal', overflowWrap: 'normal' } },
});

/**
 * A small table that scrolls sideways inside its card when its columns do not
 * fit, instead of widening the page.
 */
export function DataTable(props: {
  'aria-label': string;
  children: ReactNode;
}): ReactElement {
  const classes = useStyles();
  return (
    <TableContainer>
      <Table
        size="small"
        aria-label={props['aria-label']}
        className={classes.table}
      >
        {props.children}
      </Table>
    </TableContainer>
  );
}

/**
 * A cell on one line: column headers, and names such as an owner's, which a
 * break would split into what reads as two words.
 */
export function OneLineCell(props: TableCellProps): ReactElement {
  const classes = useStyles();
  return <TableCell {...props} className={classes.oneLine} />;
}
