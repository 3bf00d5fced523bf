import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ReactElement } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { imageFactoryApiRef } from '../../api';
import { DependencyGraphView } from './DependencyGraphView';

/** Loads and draws the dependency graph of the fleet. */
export function FleetDependencyGraph(props: {
  reloadKey: number;
}): ReactElement {
  const api = useApi(imageFactoryApiRef);
  const { value, error } = useAsync(
    () => api.getGraph(),
    [api, props.reloadKey],
  );
  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return <Progress />;
  }
  return <DependencyGraphView graph={value} />;
}
