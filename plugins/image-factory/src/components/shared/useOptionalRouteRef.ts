import {
  AnyParams,
  RouteFunc,
  RouteRef,
  SubRouteRef,
  useRouteRef,
} from '@backstage/core-plugin-api';

/**
 * `useRouteRef` for a route the app may not have mounted: an app may show the
 * entity card and tab without the fleet page or without entity pages; then
 * the links are left out instead of the component failing.
 */
export function useOptionalRouteRef<Params extends AnyParams>(
  routeRef: RouteRef<Params> | SubRouteRef<Params>,
): RouteFunc<Params> | undefined {
  try {
    // useRouteRef throws only after every hook inside it has run, so the
    // order of hooks is the same whether or not it throws.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    return useRouteRef(routeRef);
  } catch {
    return undefined;
  }
}
