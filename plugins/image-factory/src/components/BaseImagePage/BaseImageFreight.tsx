import { BaseImageDetail } from '@image-factory/backstage-plugin-image-factory-common';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ReactElement } from 'react';
import { DataTable, OneLineCell } from '../shared/DataTable';
import { Digest } from '../shared/Digest';
import { SignatureChip } from '../shared/SignatureChip';
import { VulnerabilityCounts } from '../shared/VulnerabilityCounts';
import { TimeAgo } from '../shared/TimeAgo';

/**
 * The digests the base image's tag has pointed at, newest first, with when
 * discovery first saw each and, for a multi-platform image, the manifest of
 * each platform inside it.
 */
export function BaseImageFreight(props: {
  baseImage: BaseImageDetail;
  now: number;
}): ReactElement {
  const { baseImage, now } = props;
  if (baseImage.updates.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No digest discovered yet.
      </Typography>
    );
  }
  // Only repositories with a signing key configured have signatures.
  const signed = baseImage.updates.some(update => update.signature);
  const scanned = baseImage.updates.some(update => update.vulnerabilities);
  return (
    <DataTable aria-label={`Freight of ${baseImage.ref}`}>
      <TableHead>
        <TableRow>
          <OneLineCell>Digest</OneLineCell>
          <OneLineCell>First seen</OneLineCell>
          {signed && <OneLineCell>Signature</OneLineCell>}
          {scanned && <OneLineCell>Vulnerabilities</OneLineCell>}
          <OneLineCell>Platforms</OneLineCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {baseImage.updates.map((update, index) => {
          const platforms = Object.entries(update.platformDigests ?? {});
          return (
            <TableRow key={update.digest}>
              <TableCell>
                <Digest digest={update.digest} imageRef={baseImage.ref} />
                {index === 0 && (
                  <Typography variant="caption" color="textSecondary">
                    {' '}
                    current
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <TimeAgo iso={update.firstSeen} now={now} />
              </TableCell>
              {signed && (
                <TableCell>
                  <SignatureChip signature={update.signature} />
                </TableCell>
              )}
              {scanned && (
                <TableCell>
                  <VulnerabilityCounts summary={update.vulnerabilities} />
                </TableCell>
              )}
              <TableCell>
                {platforms.length === 0
                  ? 'single-platform or not recorded'
                  : platforms.map(([platform, digest]) => (
                      <div key={platform}>
                        <code>{platform}</code> <Digest digest={digest} />
                      </div>
                    ))}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </DataTable>
  );
}
