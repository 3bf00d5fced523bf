import { PipelineRun } from '@image-factory/backstage-plugin-image-factory-common';
import { Request, Response } from 'express';

/** 202: the run is queued, and `Location` is where to follow it. */
export function sendQueued(req: Request, res: Response, run: PipelineRun) {
  res.status(202).location(`${req.baseUrl}/runs/${run.id}`).json(run);
}
