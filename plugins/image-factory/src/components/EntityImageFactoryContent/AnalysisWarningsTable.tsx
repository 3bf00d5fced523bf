import { AnalysisWarning } from '@image-factory/backstage-plugin-image-factory-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { ReactElement } from 'react';
import { DataTable, OneLineCell } from '../shared/DataTable';

/** What the Dockerfile analysis could not resolve, by Dockerfile line. */
export function AnalysisWarningsTable(props: {
  dockerfile: string | null;
  warnings: AnalysisWarning[];
}): ReactElement {
  const file = props.dockerfile ?? 'Dockerfile';
  return (
    <DataTable aria-label="Analysis warnings">
      <TableHead>
        <TableRow>
          <OneLineCell>Line</OneLineCell>
          <OneLineCell>Warning</OneLineCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {[...props.warnings]
          .sort((a, b) => a.line - b.line)
          .map(warning => (
            <TableRow key={`${warning.line}:${warning.message}`}>
              <TableCell>
                <code>
                  {file}:{warning.line}
                </code>
              </TableCell>
              <TableCell>{warning.message}</TableCell>
            </TableRow>
          ))}
      </TableBody>
    </DataTable>
  );
}
