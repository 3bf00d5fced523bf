import { ImageBaseImage } from '@image-factory/backstage-plugin-image-factory-common';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Fragment, ReactElement, useState } from 'react';
import { BaseImagePlatforms } from '../shared/BaseImagePlatforms';
import { BaseImageStateChip } from '../shared/BaseImageStateChip';
import { Digest } from '../shared/Digest';
import { TimeAgo } from '../shared/TimeAgo';
import { DataTable, OneLineCell } from '../shared/DataTable';
import { BaseImageLink } from '../shared/BaseImageLink';
import { ErrorText } from '../shared/ErrorText';
import { LatestSignatureChip, SignatureChip } from '../shared/SignatureChip';
import { VulnerabilityChangeNote } from '../shared/VulnerabilityChangeNote';
import { VulnerabilityCounts } from '../shared/VulnerabilityCounts';

// An internal base image: which image builds it, and whether its newest
// digest, pushed by a rebuild of that image, skips the delay.
function ChainNote(props: { baseImage: ImageBaseImage }): ReactElement | null {
  const { builtBy, delay } = props.baseImage;
  if (!builtBy) return null;
  let trust = '';
  if (delay === '0') {
    trust = '; its newest digest came from a rebuild, so it is trusted at once';
  } else if (delay) {
    trust = `; its newest digest came from a rebuild, so it waits ${delay}`;
  }
  return (
    <Typography variant="body2" color="textSecondary">
      Built by <EntityRefLink entityRef={builtBy} />, which is rebuilt first
      {trust}.
    </Typography>
  );
}

function UpdateHistory(props: {
  baseImage: ImageBaseImage;
  now: number;
}): ReactElement {
  const { signatureMode } = props.baseImage;
  const scanned = props.baseImage.updates.some(u => u.vulnerabilities);
  return (
    <DataTable aria-label={`Update history of ${props.baseImage.ref}`}>
      <TableHead>
        <TableRow>
          <OneLineCell>Digest</OneLineCell>
          <OneLineCell>First seen</OneLineCell>
          {signatureMode && <OneLineCell>Signature</OneLineCell>}
          {scanned && <OneLineCell>Vulnerabilities</OneLineCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.baseImage.updates.map(update => (
          <TableRow key={`${update.digest}-${update.firstSeen}`}>
            <TableCell>
              <Digest digest={update.digest} imageRef={props.baseImage.ref} />
            </TableCell>
            <TableCell>
              <TimeAgo iso={update.firstSeen} now={props.now} />
            </TableCell>
            {signatureMode && (
              <TableCell>
                <SignatureChip
                  signature={update.signature}
                  mode={signatureMode}
                />
              </TableCell>
            )}
            {scanned && (
              <TableCell>
                <VulnerabilityCounts summary={update.vulnerabilities} />
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </DataTable>
  );
}

/**
 * The base images of a managed image: the digest it was built on, the newest,
 * the newest past the delay, and each base image's update history on demand.
 */
export function BaseImagesTable(props: {
  baseImages: ImageBaseImage[];
  now: number;
}): ReactElement {
  const [expanded, setExpanded] = useState<string>();
  const { baseImages, now } = props;
  return (
    <DataTable aria-label="Base images">
      <TableHead>
        <TableRow>
          <OneLineCell>Reference</OneLineCell>
          <OneLineCell>State</OneLineCell>
          <OneLineCell>Built on</OneLineCell>
          <OneLineCell>Latest</OneLineCell>
          <OneLineCell>Eligible</OneLineCell>
          <OneLineCell>Last updated</OneLineCell>
          <OneLineCell>Update history</OneLineCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {baseImages.map(baseImage => {
          const open = expanded === baseImage.ref;
          const historyId = `update-history-${baseImage.name}`;
          return (
            <Fragment key={baseImage.ref}>
              <TableRow>
                <TableCell>
                  <BaseImageLink
                    name={baseImage.name}
                    imageRef={baseImage.ref}
                  />{' '}
                  <BaseImagePlatforms baseImage={baseImage} />
                  {baseImage.error && <ErrorText>{baseImage.error}</ErrorText>}
                  <ChainNote baseImage={baseImage} />
                  {baseImage.platformNote && (
                    <Typography variant="body2" color="textSecondary">
                      {baseImage.platformNote}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>
                  <BaseImageStateChip baseImage={baseImage} />
                </TableCell>
                <TableCell>
                  <Digest
                    digest={baseImage.builtDigest}
                    imageRef={baseImage.ref}
                  />
                </TableCell>
                <TableCell>
                  <Digest
                    digest={baseImage.latestDigest}
                    imageRef={baseImage.ref}
                  />
                  <div>
                    <LatestSignatureChip baseImage={baseImage} />
                  </div>
                  {!baseImage.eligibleDigest && (
                    <VulnerabilityChangeNote
                      baseImage={baseImage}
                      digest={baseImage.latestDigest}
                    />
                  )}
                </TableCell>
                <TableCell>
                  <Digest
                    digest={baseImage.eligibleDigest}
                    imageRef={baseImage.ref}
                  />
                  <VulnerabilityChangeNote
                    baseImage={baseImage}
                    digest={baseImage.eligibleDigest}
                  />
                </TableCell>
                <TableCell>
                  {baseImage.lastUpdated ? (
                    <TimeAgo iso={baseImage.lastUpdated} now={now} />
                  ) : (
                    'never'
                  )}
                </TableCell>
                <TableCell>
                  {baseImage.updates.length > 0 ? (
                    <Button
                      size="small"
                      aria-expanded={open}
                      aria-controls={open ? historyId : undefined}
                      aria-label={`${
                        open ? 'Hide' : 'Show'
                      } update history of ${baseImage.ref}`}
                      onClick={() =>
                        setExpanded(open ? undefined : baseImage.ref)
                      }
                    >
                      {open ? 'Hide' : 'Show'} {baseImage.updates.length}{' '}
                      {baseImage.updates.length === 1 ? 'update' : 'updates'}
                    </Button>
                  ) : (
                    'none'
                  )}
                </TableCell>
              </TableRow>
              {open && (
                <TableRow id={historyId}>
                  <TableCell colSpan={7}>
                    <UpdateHistory baseImage={baseImage} now={now} />
                  </TableCell>
                </TableRow>
              )}
            </Fragment>
          );
        })}
      </TableBody>
    </DataTable>
  );
}
