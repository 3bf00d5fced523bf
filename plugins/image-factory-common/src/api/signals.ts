import { PipelineRunStatus } from '../schema/openapi';

/**
 * The Backstage signals channel on which the backend says that what the API
 * answers may have changed, so open pages load it again.
 *
 * @public
 */
export const IMAGE_FACTORY_SIGNAL_CHANNEL = 'image-factory';

/**
 * A message on {@link IMAGE_FACTORY_SIGNAL_CHANNEL}. It is sent to every
 * signed-in user, so it names no image: each page reloads through the API,
 * which checks what its viewer may see.
 *
 * @public
 */
// A type, not an interface: the signals service takes JSON objects, and only
// a type alias is assignable to one.
export type ImageFactorySignal = {
  /** A pipeline run ended: its results are in the API's answers. */
  type: 'run-finished';
  runId: string;
  status: Extract<PipelineRunStatus, 'succeeded' | 'failed'>;
};
