import { analyzeDockerfile } from './analyzeDockerfile';
import type { AnalyzeDockerfileOptions } from './types';

function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

describe('analyzeDockerfile warnings', () => {
  it.each<[string, string, AnalyzeDockerfileOptions, number, string]>([
    [
      'an undeclared variable',
      lines('FROM alpine:3.20', 'FROM ${REGISTRY}/team/app:1'),
      {},
      2,
      'cannot resolve FROM "${REGISTRY}/team/app:1": variable REGISTRY is not declared by an ARG before the first FROM',
    ],
    [
      'a build arg for an ARG that is not declared',
      lines('FROM ${REGISTRY}/team/app:1'),
      { buildArgs: { REGISTRY: 'ghcr.io' } },
      1,
      'variable REGISTRY is not declared by an ARG before the first FROM (build args only set declared ARGs)',
    ],
    [
      'an ARG without a default or build arg',
      lines('ARG TAG', 'FROM node:$TAG'),
      {},
      2,
      'variable TAG is declared without a default (ARG on line 1) and no build arg sets it',
    ],
    [
      'an ARG declared after the first FROM used in FROM',
      lines('FROM alpine:3.20', 'ARG LATER=debian', 'FROM $LATER'),
      {},
      3,
      'variable LATER is not declared by an ARG before the first FROM',
    ],
    [
      'an ARG whose default cannot be resolved',
      lines('ARG A', 'ARG B=node:$A', 'FROM $B'),
      {},
      3,
      'B has no value because variable A is declared without a default',
    ],
    [
      'a platform ARG used in a stage without declaring it there',
      lines(
        'FROM alpine:3.20',
        'COPY --from=ghcr.io/acme/base-${TARGETARCH}:1 / /',
      ),
      {},
      2,
      'variable TARGETARCH is a global ARG; declare "ARG TARGETARCH" in the stage to use it there',
    ],
    [
      'a global ARG used in a stage without declaring it there',
      lines(
        'ARG TOOLS=ghcr.io/acme/tools:1',
        'FROM alpine:3.20',
        'COPY --from=$TOOLS /a /a',
      ),
      {},
      3,
      'cannot resolve COPY --from="$TOOLS": variable TOOLS is a global ARG; declare "ARG TOOLS" in the stage to use it there',
    ],
    [
      'a mount source without a value',
      lines('FROM alpine:3.20', 'RUN --mount=from=$CACHE,target=/c ls'),
      {},
      2,
      'cannot resolve RUN --mount from="$CACHE": variable CACHE is not declared in this stage',
    ],
    [
      'an invalid reference',
      lines('FROM Node:22'),
      {},
      1,
      'FROM "Node:22" is not a valid image: invalid image reference "Node:22": repository "Node" must be lowercase',
    ],
    [
      'an invalid reference after expansion',
      lines('ARG TAG=', 'FROM node:$TAG'),
      {},
      2,
      'FROM "node:$TAG" (expanded to "node:") is not a valid image: invalid image reference "node:": tag is empty after ":"',
    ],
    [
      'a bad digest',
      lines('FROM node@sha256:1234'),
      {},
      1,
      'is not of the form algorithm:hex',
    ],
    [
      'a required variable',
      lines('ARG IMAGE', 'FROM ${IMAGE:?pass_IMAGE}'),
      {},
      2,
      'variable IMAGE is required: pass_IMAGE',
    ],
    [
      'an unsupported substitution',
      lines('ARG IMAGE=node:22', 'FROM ${IMAGE%:*}'),
      {},
      2,
      'unsupported substitution "${IMAGE%"',
    ],
    [
      'an unterminated substitution',
      lines('FROM node:${TAG:-22'),
      {},
      1,
      'unterminated "${"',
    ],
    [
      'a COPY --from stage index that does not exist',
      lines('FROM alpine:3.20', 'COPY --from=5 /a /a'),
      {},
      2,
      'COPY --from="5": stage index 5 does not exist (the Dockerfile has 1 stages)',
    ],
    [
      'a stage copying from itself',
      lines('FROM alpine:3.20 AS base', 'COPY --from=base /a /a'),
      {},
      2,
      'stage base is the stage itself',
    ],
    [
      'FROM naming a later stage',
      lines('FROM build', 'FROM golang:1.22 AS build'),
      {},
      1,
      'FROM "build" names stage build, which is defined later; FROM can only use earlier stages',
    ],
    [
      'FROM with a stage index',
      lines('FROM golang:1.22', 'FROM 0'),
      {},
      2,
      'FROM "0" looks like a stage index, which FROM does not accept',
    ],
    [
      'a malformed FROM',
      lines('FROM alpine:3.20 AS'),
      {},
      1,
      'FROM must be "FROM [--platform=…] image [AS name]", found "alpine:3.20 AS"',
    ],
    [
      'a FROM without an image',
      lines('FROM --platform=linux/amd64', 'FROM alpine:3.20'),
      {},
      1,
      'FROM has no image',
    ],
    [
      'an invalid stage name',
      lines('FROM alpine:3.20 AS 1st'),
      {},
      1,
      'stage name "1st" is invalid',
    ],
    [
      'a duplicate stage name',
      lines('FROM alpine:3.20 AS base', 'FROM debian:bookworm AS base'),
      {},
      2,
      'stage name "base" is already used by stage 0',
    ],
    [
      'an instruction before the first FROM',
      lines('RUN echo hi', 'FROM alpine:3.20'),
      {},
      1,
      'RUN before the first FROM: only ARG may come before it',
    ],
    [
      'an unknown instruction',
      lines('FROM alpine:3.20', 'RUNN echo hi'),
      {},
      2,
      'unknown instruction "RUNN"',
    ],
    [
      'COPY --from without a value',
      lines('FROM alpine:3.20', 'COPY --from /a /a'),
      {},
      2,
      'COPY --from needs a value',
    ],
    [
      'an invalid syntax directive',
      lines('# syntax=Docker/Dockerfile', 'FROM alpine:3.20'),
      {},
      1,
      'the # syntax= frontend is not a valid image',
    ],
  ])('warns about %s', (_name, content, options, line, message) => {
    const analysis = analyzeDockerfile(content, options);
    expect(analysis.warnings).toEqual([
      { line, message: expect.stringContaining(message) },
    ]);
  });

  it('never reports an unresolved reference as a base image', () => {
    const analysis = analyzeDockerfile(
      lines('ARG TAG', 'FROM node:$TAG', 'COPY --from=$X /a /a'),
    );
    expect(analysis.baseImages).toEqual([]);
    expect(analysis.warnings.map(w => w.line)).toEqual([2, 3]);
  });

  it('lists warnings in line order', () => {
    const analysis = analyzeDockerfile(
      lines('# syntax=BAD', 'FROM $A AS one', 'FROM $B AS two', 'RUNN x'),
    );
    expect(analysis.warnings.map(w => w.line)).toEqual([1, 2, 3, 4]);
  });
});
