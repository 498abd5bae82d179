import { createKafka, kafkaConfigFromEnv } from '@houqin/messaging';
import { Platform } from '@houqin/testing';

async function topicsStartingWith(prefix: string): Promise<string[]> {
  const admin = createKafka(kafkaConfigFromEnv('e2e-cleanup-check')).admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
  } finally {
    await admin.disconnect();
  }
}

describe('the e2e Platform', () => {
  it('leaves no topic of its run on the broker after stop()', async () => {
    const platform = await new Platform().start();
    try {
      expect(await topicsStartingWith(platform.topicPrefix)).toContain(`${platform.topicPrefix}facilities.events.v1`);
    } finally {
      await platform.stop();
    }
    expect(await topicsStartingWith(platform.topicPrefix)).toEqual([]);
  }, 120_000);
});
