import { CopyTextButton } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';
import { ReactElement } from 'react';
import { pinnedReference, shortDigest } from './shortDigest';

const useStyles = makeStyles(theme => ({
  digest: { fontFamily: 'monospace', whiteSpace: 'nowrap' },
  row: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: 4,
    // The copy button is a helper beside the digest: small and muted, so that
    // the digests, not the buttons, are what a column shows.
    '& button': { color: theme.palette.text.secondary },
    '& button svg': { width: 16, height: 16 },
  },
}));

/**
 * A short digest whose tooltip shows the full one; with `imageRef`, a button
 * copies the pullable `ref@digest`.
 */
export function Digest(props: {
  digest: string | null | undefined;
  imageRef?: string;
}): ReactElement {
  const classes = useStyles();
  if (!props.digest) {
    return <span>none</span>;
  }
  const text = (
    <code className={classes.digest} title={props.digest}>
      {shortDigest(props.digest)}
    </code>
  );
  if (!props.imageRef) {
    return text;
  }
  const pinned = pinnedReference(props.imageRef, props.digest);
  return (
    <span className={classes.row}>
      {text}
      <CopyTextButton
        text={pinned}
        variant="tertiary"
        aria-label={`Copy ${pinned}`}
        tooltipText="Reference copied to clipboard"
      />
    </span>
  );
}
