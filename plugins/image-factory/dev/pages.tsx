import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Content, EmptyState, Header, Page } from '@backstage/core-components';
import {
  attachComponentData,
  configApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import { ReactElement, ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import {
  EntityImageFactoryCard,
  EntityImageFactoryContent,
  ImageFactoryPage,
} from '../src';
import { paymentsEntity } from '../src/__testUtils__/fixtures';
import { MockImageFactory } from './MockImageFactory';

/**
 * `examples/payments-api/catalog-info.yaml`, which the dev backend's catalog
 * reads: the backend answers for this entity ref, so its annotations here only
 * have to enroll it.
 */
const paymentsApiEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    description:
      'Payments API. Multi-stage Node build on a distroless runtime.',
    annotations: {
      'image-factory.io/image': 'ghcr.io/acme/payments-api',
      'image-factory.io/workflow': 'build.yml',
      'image-factory.io/rebuild-delay': '7d',
      'image-factory.io/priority': 'high',
    },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
};

/** An entity page as the catalog frames one, with the plugin's part inside. */
function EntityPage(props: {
  entity: Entity;
  subtitle: string;
  children: ReactNode;
}): ReactElement {
  return (
    <EntityProvider entity={props.entity}>
      <Page themeId="service">
        <Header
          title={stringifyEntityRef(props.entity)}
          subtitle={props.subtitle}
          type={props.entity.kind}
        />
        <Content>{props.children}</Content>
      </Page>
    </EntityProvider>
  );
}

/** The example entity's page, on whichever backend the app config names. */
function LiveEntityPage(props: { children: ReactNode }): ReactElement {
  const backend = useApi(configApiRef).getString('backend.baseUrl');
  return (
    <EntityPage
      entity={paymentsApiEntity}
      subtitle={`Data from the dev backend at ${backend}`}
    >
      {props.children}
    </EntityPage>
  );
}

// The overview layout the README gives: the card in a half-width grid item.
const overview = (
  <Grid container spacing={3}>
    <Grid item xs={12} md={6}>
      <EntityImageFactoryCard />
    </Grid>
  </Grid>
);

/** The pages on the dev backend: `yarn start` in `plugins/image-factory-backend`. */
export const livePages = {
  fleet: <ImageFactoryPage />,
  card: <LiveEntityPage>{overview}</LiveEntityPage>,
  content: (
    <LiveEntityPage>
      <EntityImageFactoryContent />
    </LiveEntityPage>
  ),
};

const mockSubtitle = 'Mocked API: the example documents of dev/, no backend';

/** The same pages on the mocked API, for working without a backend. */
export const mockPages = {
  fleet: (
    <MockImageFactory>
      <ImageFactoryPage />
    </MockImageFactory>
  ),
  card: (
    <MockImageFactory>
      <EntityPage entity={paymentsEntity} subtitle={mockSubtitle}>
        {overview}
      </EntityPage>
    </MockImageFactory>
  ),
  content: (
    <MockImageFactory>
      <EntityPage entity={paymentsEntity} subtitle={mockSubtitle}>
        <EntityImageFactoryContent />
      </EntityPage>
    </MockImageFactory>
  ),
};

/**
 * Where entity links lead. The plugin links to the catalog's entity pages,
 * which need `entityRouteRef` mounted; the catalog itself is left out of the
 * dev app.
 */
export function CatalogEntityPlaceholder(): ReactElement {
  const { namespace, kind, name } = useParams();
  return (
    <Page themeId="home">
      <Header title={`${kind}:${namespace}/${name}`} type="Catalog entity" />
      <Content>
        <EmptyState
          missing="info"
          title="The catalog's entity page"
          description="Entity links lead to the catalog plugin, which this dev app leaves out. The Image Factory parts of an entity page are under Card and Image Status in the sidebar."
        />
      </Content>
    </Page>
  );
}
attachComponentData(
  CatalogEntityPlaceholder,
  'core.mountPoint',
  entityRouteRef,
);
