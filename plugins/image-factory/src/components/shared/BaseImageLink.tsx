import { Link } from '@backstage/core-components';
import { ReactElement } from 'react';
import { baseImageRouteRef, rootRouteRef } from '../../routes';
import { useOptionalRouteRef } from './useOptionalRouteRef';
import { WrappingCode } from './WrappingCode';

/** The path of a base image's page, or undefined where the app has none. */
export function useBaseImagePath(): (name: string) => string | undefined {
  const route = useOptionalRouteRef(baseImageRouteRef);
  return name => route?.({ name });
}

/** The path of the fleet page, or undefined where the app has none. */
export function useFleetPath(): string | undefined {
  return useOptionalRouteRef(rootRouteRef)?.();
}

/**
 * A base image's reference, linked to its page; plain where the app has no
 * fleet page.
 */
export function BaseImageLink(props: {
  /** The base image's name in the state repository. */
  name: string;
  imageRef: string;
}): ReactElement {
  const path = useBaseImagePath()(props.name);
  const text = <WrappingCode>{props.imageRef}</WrappingCode>;
  return path ? <Link to={path}>{text}</Link> : text;
}
