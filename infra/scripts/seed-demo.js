// Demo data for a few schools, sent through the real HTTP API with fixed idempotency keys,
// so running it again (every `npm start`) changes nothing.
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '../..');
const facilities = `http://127.0.0.1:${process.env.FACILITIES_PORT || 3101}/work-orders`;
const token = (...args) => execFileSync(process.execPath, [path.join(__dirname, 'token.js'), ...args], { encoding: 'utf8' }).trim();

const schools = [
  { id: 'S001', name: '实验小学', staff: 'li.lei', admin: 'wang.fang' },
  { id: 'S002', name: '第一中学', staff: 'han.mei', admin: 'zhou.qiang' },
  { id: 'S003', name: '阳光小学', staff: 'liu.yang', admin: 'zhao.min' },
];
const repairs = [
  { title: '三楼302教室灯管不亮', location: '教学楼3层302', category: 'electrical', priority: 'normal' },
  { title: '二楼男厕所水龙头漏水', location: '教学楼2层卫生间', category: 'plumbing', priority: 'high' },
  { title: '多媒体投影仪无信号', location: '实验楼1层物理实验室', category: 'network', priority: 'urgent' },
  { title: '课桌椅松动', location: '教学楼4层405', category: 'furniture', priority: 'low' },
];

async function post(url, bearer, key, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  const reply = await response.json();
  if (!response.ok && response.status !== 409) throw new Error(`${url}: ${response.status} ${JSON.stringify(reply)}`);
  return reply;
}

async function main() {
  const lines = [`bureau-official chen.ju: ${token('--role', 'bureau-official', '--sub', 'chen.ju', '--ttl', '30d')}`];
  lines.push(`auditor sun.shen: ${token('--role', 'auditor', '--sub', 'sun.shen', '--ttl', '30d')}`);
  for (const school of schools) {
    const staff = token('--role', 'school-staff', '--school', school.id, '--sub', school.staff, '--ttl', '30d');
    const admin = token('--role', 'school-admin', '--school', school.id, '--sub', school.admin, '--ttl', '30d');
    lines.push(`school-staff ${school.staff} (${school.id} ${school.name}): ${staff}`, `school-admin ${school.admin} (${school.id}): ${admin}`);
    for (const [i, repair] of repairs.entries()) {
      const { workOrderId } = await post(facilities, staff, `demo-${school.id}-report-${i}`, repair);
      // Move some orders along so the bureau has every kind of figure to show.
      if (i >= 1) await post(`${facilities}/${workOrderId}/assign`, admin, `demo-${school.id}-assign-${i}`, { assignee: '后勤 维修组' });
      if (i >= 2) await post(`${facilities}/${workOrderId}/complete`, admin, `demo-${school.id}-complete-${i}`, { note: '已处理' });
      if (i >= 3) await post(`${facilities}/${workOrderId}/verify`, staff, `demo-${school.id}-verify-${i}`, { rating: 5 });
    }
  }
  fs.mkdirSync(path.join(root, '.run'), { recursive: true });
  fs.writeFileSync(path.join(root, '.run/demo-tokens.txt'), lines.join('\n') + '\n');
  console.log(`[houqin] demo data: ${schools.length} schools × ${repairs.length} work orders (idempotent)`);
}

main().catch((err) => {
  console.error(`[houqin] seeding demo data failed: ${err.message}`);
  process.exit(1);
});
