// `yarn start` in this folder: the plugin's card, Image Status tab and fleet
// page in a dev app of their own, once on the dev backend (`yarn start` in
// plugins/image-factory-backend, at the repository's app-config.yaml
// backend.baseUrl) and once on a mocked API that needs no backend.
//
// Built with @backstage/dev-utils from the legacy exports of src/index.ts: the
// new frontend system's extensions (src/alpha) load the same components, and
// its dev app helpers are not dependencies of this package.
import { SidebarDivider } from '@backstage/core-components';
import { createDevApp } from '@backstage/dev-utils';
import AssignmentIcon from '@material-ui/icons/Assignment';
import BuildIcon from '@material-ui/icons/Build';
import ViewQuiltIcon from '@material-ui/icons/ViewQuilt';
import { imageFactoryPlugin } from '../src';
import { CatalogEntityPlaceholder, livePages, mockPages } from './pages';

createDevApp()
  .registerPlugin(imageFactoryPlugin)
  // The first page is where the app opens.
  .addPage({
    path: '/image-factory',
    title: 'Fleet',
    icon: BuildIcon,
    element: livePages.fleet,
  })
  .addPage({
    path: '/entity/overview',
    title: 'Card',
    icon: ViewQuiltIcon,
    element: livePages.card,
  })
  .addPage({
    path: '/entity/image-status',
    title: 'Image Status',
    icon: AssignmentIcon,
    element: livePages.content,
  })
  .addSidebarItem(<SidebarDivider key="mock-pages" />)
  .addPage({
    path: '/mock/image-factory',
    title: 'Fleet (mock)',
    icon: BuildIcon,
    element: mockPages.fleet,
  })
  .addPage({
    path: '/mock/entity/overview',
    title: 'Card (mock)',
    icon: ViewQuiltIcon,
    element: mockPages.card,
  })
  .addPage({
    path: '/mock/entity/image-status',
    title: 'Status (mock)',
    icon: AssignmentIcon,
    element: mockPages.content,
  })
  .addPage({
    path: '/catalog/:namespace/:kind/:name',
    element: <CatalogEntityPlaceholder />,
  })
  .render();
