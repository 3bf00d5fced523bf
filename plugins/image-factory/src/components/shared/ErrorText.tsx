import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ReactElement, ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  // The theme's main error red is too light for small text on a table's
  // striped rows (WCAG AA asks 4.5:1); its darker shade, or lighter on a dark
  // theme, keeps the colour and the contrast.
  text: {
    color:
      theme.palette.type === 'dark'
        ? theme.palette.error.light
        : theme.palette.error.dark,
  },
}));

/** A line saying what went wrong, in small text. */
export function ErrorText(props: { children: ReactNode }): ReactElement {
  const classes = useStyles();
  return (
    <Typography variant="body2" className={classes.text}>
      {props.children}
    </Typography>
  );
}
