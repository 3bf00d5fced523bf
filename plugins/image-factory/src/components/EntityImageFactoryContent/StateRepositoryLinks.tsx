import { Link } from '@backstage/core-components';
import { ImageStatus } from '@internal/plugin-image-factory-common';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';

function FileLink(props: {
  label: string;
  url?: string | null;
  path?: string;
}): ReactElement | null {
  if (props.url) {
    return (
      <Typography variant="body2">
        <Link to={props.url}>{props.label}</Link>
        {props.path && (
          <>
            {' '}
            <code>{props.path}</code>
          </>
        )}
      </Typography>
    );
  }
  if (props.path) {
    return (
      <Typography variant="body2">
        {props.label}: <code>{props.path}</code> (local state repository)
      </Typography>
    );
  }
  return null;
}

/**
 * Where the image's generated files live in the state repository: its state
 * file and its Kargo Warehouse manifest.
 */
export function StateRepositoryLinks(props: {
  status: ImageStatus;
}): ReactElement {
  const { links, paths } = props.status;
  const stateFile = (
    <FileLink
      label="State file"
      url={links.stateFile}
      path={paths?.stateFile}
    />
  );
  const warehouse = (
    <FileLink
      label="Warehouse manifest"
      url={links.warehouseManifest}
      path={paths?.warehouseManifest}
    />
  );
  if (!links.stateFile && !links.warehouseManifest && !paths) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not written to the state repository yet.
      </Typography>
    );
  }
  return (
    <>
      {stateFile}
      {warehouse}
    </>
  );
}
