/**
 * Supply-chain evidence of base image digests: signatures and vulnerability
 * attestations, as the backend records them and the frontend compares them.
 */
export * from './compareVulnerabilities';
