import type { Response } from "express";

export function sendMatrixError(res: Response, status: number, errcode: string, error: string): void {
  res.status(status).json({ errcode, error });
}
