import { Link } from '@backstage/core-components';
import {
  AnalysisWarning,
  ImageEnrollment,
} from '@image-factory/backstage-plugin-image-factory-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { ReactElement } from 'react';
import { DataTable, OneLineCell } from '../shared/DataTable';
import { useDockerfileUrl } from '../shared/useDockerfileUrl';

/**
 * What the Dockerfile analysis could not resolve, by Dockerfile line, each
 * line linked to the Dockerfile on its source host.
 */
export function AnalysisWarningsTable(props: {
  enrollment: ImageEnrollment;
  warnings: AnalysisWarning[];
}): ReactElement {
  const file = props.enrollment.dockerfile ?? 'Dockerfile';
  const dockerfileUrl = useDockerfileUrl(props.enrollment);
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
          .map(warning => {
            const location = (
              <code>
                {file}:{warning.line}
              </code>
            );
            const url = dockerfileUrl(warning.line);
            return (
              <TableRow key={`${warning.line}:${warning.message}`}>
                <TableCell>
                  {url ? <Link to={url}>{location}</Link> : location}
                </TableCell>
                <TableCell>{warning.message}</TableCell>
              </TableRow>
            );
          })}
      </TableBody>
    </DataTable>
  );
}
