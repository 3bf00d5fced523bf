import { AnalysisWarning } from '@image-factory/backstage-plugin-image-factory-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { ReactElement } from 'react';

/** What the Dockerfile analysis could not resolve, by Dockerfile line. */
export function AnalysisWarningsTable(props: {
  dockerfile: string | null;
  warnings: AnalysisWarning[];
}): ReactElement {
  const file = props.dockerfile ?? 'Dockerfile';
  return (
    <Table size="small" aria-label="Analysis warnings">
      <TableHead>
        <TableRow>
          <TableCell>Line</TableCell>
          <TableCell>Warning</TableCell>
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
    </Table>
  );
}
