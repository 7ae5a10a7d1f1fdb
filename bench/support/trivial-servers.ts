/**
 * The floor under every HTTP figure: one trivial route on bare Fastify, and the same route on
 * NestJS over its FastifyAdapter (a module with one controller; no guards, pipes or store).
 */
import 'reflect-metadata';
import Fastify, { FastifyInstance } from 'fastify';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';

export interface TrivialServer {
  url: string;
  close(): Promise<void>;
}

export async function startBareFastify(): Promise<TrivialServer> {
  const app: FastifyInstance = Fastify({ logger: false });
  app.get('/ping', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

@Controller()
class PingController {
  @Get('ping')
  ping() {
    return { ok: true };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

export async function startTrivialNest(): Promise<TrivialServer> {
  const app = await NestFactory.create<NestFastifyApplication>(PingModule, new FastifyAdapter(), { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
