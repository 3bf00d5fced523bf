import { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';
import { baseImageRouteRef } from '../../routes';
import { BaseImagePage } from '../BaseImagePage';
import { ImageFactoryFleet } from './ImageFactoryFleet';

/**
 * What the fleet page shows below its header: the fleet at its root, one base
 * image at `base-images/:name`. Both frontend systems mount it.
 */
export function ImageFactoryRoutes(): ReactElement {
  return (
    <Routes>
      <Route path="/" element={<ImageFactoryFleet />} />
      <Route path={baseImageRouteRef.path} element={<BaseImagePage />} />
    </Routes>
  );
}
