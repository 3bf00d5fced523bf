import TablePagination, {
  LabelDisplayedRowsArgs,
} from '@material-ui/core/TablePagination';
import { ReactElement, useState } from 'react';

/** Page sizes offered by the fleet tables paged on the server; the first is the default. */
const FLEET_PAGE_SIZES = [25, 50, 100];

/** Which page of a server-paged list is shown, and how to move. */
export interface Paging {
  page: number;
  pageSize: number;
  /** `{ offset, limit }` for the API. */
  query: { offset: number; limit: number };
  setPage(page: number): void;
  setPageSize(size: number): void;
}

/** The page state of a list paged on the server: `pageSize` fixed, or chosen by the user. */
export function usePaging(fixedSize?: number): Paging {
  const [page, setPage] = useState(0);
  const [chosen, setChosen] = useState(FLEET_PAGE_SIZES[0]);
  const pageSize = fixedSize ?? chosen;
  return {
    page,
    pageSize,
    query: { offset: page * pageSize, limit: pageSize },
    setPage,
    setPageSize: size => {
      setChosen(size);
      setPage(0);
    },
  };
}

/**
 * The paging control under a fleet list: a `nav` named after the list, since a
 * page can hold several; page sizes only when the user may choose one.
 */
export function FleetPagination(props: {
  label: string;
  count: number;
  paging: Paging;
  fixedSize?: boolean;
  labelDisplayedRows?: (args: LabelDisplayedRowsArgs) => string;
}): ReactElement {
  const { paging } = props;
  return (
    <TablePagination
      component="nav"
      aria-label={props.label}
      count={props.count}
      page={paging.page}
      rowsPerPage={paging.pageSize}
      rowsPerPageOptions={props.fixedSize ? [] : FLEET_PAGE_SIZES}
      {...(props.labelDisplayedRows
        ? { labelDisplayedRows: props.labelDisplayedRows }
        : {})}
      onPageChange={(_, next) => paging.setPage(next)}
      onRowsPerPageChange={e => paging.setPageSize(Number(e.target.value))}
    />
  );
}
