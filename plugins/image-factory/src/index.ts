/**
 * The Image Factory frontend plugin: base images, freight and rebuild eligibility
 * on the entity page, and the fleet view.
 *
 * @packageDocumentation
 */
export {};
