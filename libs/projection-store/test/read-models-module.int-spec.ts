import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { EVENT_STORE_MIGRATIONS, pgPoolOf } from '@houqin/event-store';
import { createTestDatabase, TestDatabase } from '@houqin/testing';
import { CreateProjectionStatus1764400000000, ReadModels, ReadModelsModule, readStatus } from '../src';
import { CreateTaskTables1764400000001, store, taskStream, taskTables } from './tasks';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('read_models', [...EVENT_STORE_MIGRATIONS, CreateProjectionStatus1764400000000, CreateTaskTables1764400000001]);
});
afterAll(() => db?.drop());

it('prepares and starts the read models with the app, serves read-your-writes, and stops them on close', async () => {
  @Global()
  @Module({ providers: [{ provide: getDataSourceToken(), useValue: db.dataSource }], exports: [getDataSourceToken()] })
  class Database {}
  const [earlier] = await store(db.schema, [taskStream('S1').opened()]); // before the app starts

  const app = await Test.createTestingModule({ imports: [Database, ReadModelsModule.forService([taskTables()], { pollIntervalMs: 60_000 })] }).compile();
  await app.init();
  const tasks = app.get(ReadModels).get('tasks');
  await expect(tasks.waitFor(earlier, 3_000)).resolves.toBe(true);
  const [position] = await store(db.schema, [taskStream('S1').opened()]);
  app.get(ReadModels).notify(); // as a command's commit would
  await expect(tasks.waitFor(position, 3_000)).resolves.toBe(true);
  await app.close();

  expect(await readStatus(pgPoolOf(db.dataSource), 'tasks')).toMatchObject({ version: 1, eventsApplied: 2 });
  expect(() => app.get(ReadModels).get('no-such-list')).toThrow(/No read model/);
});
