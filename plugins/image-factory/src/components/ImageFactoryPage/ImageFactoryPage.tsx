import { Content, Header, Page } from '@backstage/core-components';
import { ReactElement } from 'react';
import { ImageFactoryRoutes } from './ImageFactoryRoutes';

/**
 * The Image Factory fleet page with its own header, for the legacy frontend
 * system: every enrolled image, stale ones first, base images with their
 * dependent counts, and the dependency graph; below it, a page per base image.
 *
 * @public
 */
export function ImageFactoryPage(): ReactElement {
  return (
    <Page themeId="tool">
      <Header
        title="Image Factory"
        subtitle="Base images, freight and rebuild eligibility of every enrolled image"
      />
      <Content>
        <ImageFactoryRoutes />
      </Content>
    </Page>
  );
}
