import {
  ImageBaseImage,
  SignatureCheck,
  SignatureMode,
} from '@image-factory/backstage-plugin-image-factory-common';
import Tooltip from '@material-ui/core/Tooltip';
import { ReactElement } from 'react';
import { StateChip, StateTone } from './StateChip';

const LABELS: Record<SignatureCheck['state'], string> = {
  verified: 'Signed',
  unsigned: 'Unsigned',
  invalid: 'Bad signature',
};

/**
 * The cosign signature of one digest, with what was found in its tooltip.
 * Where signatures are required, a digest without a verified one is an error:
 * it is never built on.
 */
export function SignatureChip(props: {
  signature?: SignatureCheck;
  mode?: SignatureMode;
}): ReactElement | null {
  const { signature, mode } = props;
  if (!signature) {
    return mode === 'require' ? (
      <Tooltip title="Its signature has not been checked yet; it is not built on until it verifies.">
        <span>
          <StateChip label="Not checked" tone="unknown" />
        </span>
      </Tooltip>
    ) : null;
  }
  let tone: StateTone = 'ok';
  if (signature.state !== 'verified') {
    tone = mode === 'require' ? 'error' : 'action';
  }
  return (
    <Tooltip title={signature.detail}>
      <span>
        <StateChip label={LABELS[signature.state]} tone={tone} />
      </span>
    </Tooltip>
  );
}

/**
 * The signature of a base image's latest digest, where a signing key is
 * configured for its repository; nothing otherwise.
 */
export function LatestSignatureChip(props: {
  baseImage: ImageBaseImage;
}): ReactElement | null {
  const { signatureMode, latestDigest, updates } = props.baseImage;
  if (!signatureMode || !latestDigest) {
    return null;
  }
  return (
    <SignatureChip
      signature={updates.find(u => u.digest === latestDigest)?.signature}
      mode={signatureMode}
    />
  );
}
