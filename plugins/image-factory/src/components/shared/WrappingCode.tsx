import { makeStyles } from '@material-ui/core/styles';
import { Fragment, ReactElement } from 'react';

const useStyles = makeStyles({
  // Breaks only where a <wbr> allows it, never inside a name.
  code: { wordBreak: 'normal', overflowWrap: 'normal' },
});

// After each separator of an image reference, a URL or a path.
const BREAKS = /(?<=[/:@])/;

/**
 * Code text (an image reference, a URL, a path) that wraps after `/`, `:` and
 * `@` only, so that a narrow column shows `ghcr.io/acme/` over `payments:1`
 * rather than breaking a name in the middle. Copying it copies the text alone.
 */
export function WrappingCode(props: { children: string }): ReactElement {
  const classes = useStyles();
  const parts = props.children.split(BREAKS);
  return (
    <code className={classes.code}>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </code>
  );
}
