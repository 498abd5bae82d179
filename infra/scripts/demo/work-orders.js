// Demo work orders (报修) of five demo schools, through the real HTTP APIs, made the way people make them: two seeding
// accounts per school (demo.seed.s001 school-staff, demo.seed.s001.admin school-admin) log in with identity, change their
// initial passwords to ones nobody keeps, report, assign, complete and verify, and are disabled afterwards. A disabled
// seeding account means "done": a second run creates nothing. A report about an asset names the school's ledger asset
// (demo/assets.js, seeded before), so the asset's page shows its repairs and the repair costs per asset name it.
const { ledgerAssetsOf } = require('./assets');

// The work orders of the demo: per school, each with the hours before the seeding account's creation at which it was
// reported, assigned, completed and verified (补录 within the rule pack's 24 h, so none is marked late; the SLA
// deadlines of libs/rules run from these times, so an urgent report left unassigned is overdue, as in real life).
const R = (title, location, category, priority, description) => ({ title, location, category, priority, ...(description && { description }) });
// 派工 to an in-house technician or an outside contractor; parts at unit prices in fen (分); `asset`: the report names
// the school's ledger asset of that name (demo/assets.js registers it first; the report's category is the trade its
// ledger category needs, repairCategoryOf in facilities), so the second report on the same asset within 30 days of the
// first's completion is a repeat failure (返修).
const TECH = (technicianId, technicianName) => ({ to: 'technician', technicianId, technicianName });
const FIRM = (company, contact, phone) => ({ to: 'contractor', company, contact, phone });
const P = (name, quantity, unitPriceFen) => ({ name, quantity, unitPriceFen });
const workOrderSchools = [
  { code: 'S001', phones: ['13957100901', '13957100911'], orders: [
    { report: R('三楼302教室灯管不亮', '教学楼3层302', 'electrical', 'normal', '后排两根灯管不亮，影响上课'), at: 20, dispatched: [19, TECH('tech.zhang', '电工 张师傅')], started: 18, costs: [17, [P('T8 LED 灯管', 2, 1850)], 3000], completed: 16, verified: [15, 5, '修得很快'] },
    { report: R('二楼男厕所水龙头漏水', '教学楼2层卫生间', 'plumbing', 'high'), at: 18, dispatched: [17, FIRM('蓝天水电维修有限公司', '王经理', '13805710001')], started: 16, costs: [15, [P('三角阀', 2, 1600), P('软管', 1, 900)], 8000], completed: 14, reopened: [13, '还在滴水'], completedAgain: 12 },
    { report: R('多媒体投影仪无信号', '实验楼1层物理实验室', 'network', 'urgent', '下午有公开课'), at: 6, assigned: [5.5, '信息中心 刘老师'] },
    { report: R('课桌椅松动', '教学楼4层405', 'furniture', 'low'), at: 3 },
  ] },
  { code: 'S002', phones: ['13957100902', '13957100912'], orders: [
    { report: R('宿舍楼热水机组不出热水', '男生公寓1号楼2层', 'hvac', 'high', '整层学生无法洗澡'), at: 21, asset: '空气能热水机组', dispatched: [20, FIRM('恒温热水设备维保中心', '李工', '13805710002')], costs: [15, [P('温控器', 1, 12800)], 10000], completed: 14, verified: [13, 4, '已恢复，希望下次更快'] },
    { report: R('宿舍楼热水机组又不出热水', '男生公寓1号楼2层', 'hvac', 'high', '修好没几天又坏了'), at: 3, asset: '空气能热水机组', dispatched: [2.5, FIRM('恒温热水设备维保中心', '李工', '13805710002')] },
    { report: R('食堂排风扇异响', '学生食堂操作间', 'hvac', 'normal'), at: 19, assigned: [17, '后勤维修组'], completed: 9, verified: [8, 5] },
    { report: R('校车停车场路灯损坏', '东门校车停车场', 'electrical', 'high'), at: 8 },
    { report: R('篮球场围网破损', '室外篮球场', 'building', 'normal'), at: 5, assigned: [4, '后勤维修组'] },
    { report: R('机房核心交换机掉线', '综合楼4层网络机房', 'network', 'urgent'), at: 2, asset: '校园网核心交换机', assigned: [1.8, '信息中心 赵老师'], completed: 1 },
  ] },
  { code: 'S003', phones: ['13957100903', '13957100913'], orders: [
    { report: R('医务室空调不制冷', '行政楼1层医务室', 'hvac', 'high'), at: 22, assigned: [21, '空调维保 周师傅'], completed: 18, verified: [17, 5] },
    { report: R('一年级教室门锁损坏', '教学楼1层103', 'carpentry', 'normal'), at: 10, assigned: [9, '木工 陈师傅'], completed: 4 },
    { report: R('操场沙坑边缘开裂', '田径场', 'building', 'low'), at: 4 },
  ] },
  { code: 'S004', phones: ['13957100904', '13957100914'], orders: [
    { report: R('实验室通风橱不启动', '实验楼2层化学实验室', 'hvac', 'urgent', '化学实验课已暂停'), at: 15, assigned: [14.5, '实验室管理员 孙老师'], completed: 11, verified: [10, 4] },
    { report: R('走廊应急灯不亮', '教学楼2层东侧走廊', 'electrical', 'high'), at: 7, assigned: [6, '电工 吴师傅'] },
  ] },
  { code: 'S005', phones: ['13957100905', '13957100915'], orders: [
    { report: R('教室窗户关不严', '小学部教学楼3层306', 'carpentry', 'normal'), at: 23, assigned: [22, '木工 郑师傅'], completed: 20, verified: [19, 5, '窗户已修好'] },
    { report: R('饮水机不出水', '初中部教学楼1层', 'plumbing', 'normal'), at: 12, assigned: [11, '后勤维修组'], completed: 7 },
    { report: R('报告厅音响有杂音', '综合楼报告厅', 'network', 'low'), at: 9 },
  ] },
];

/**
 * One school's demo work orders, by two seeding accounts (the rules separate the duties: whoever completes a repair
 * may not accept it): demo.seed.s001 (school-staff) reports, verifies or reopens (返修), demo.seed.s001.admin
 * (school-admin) dispatches (派工), starts, records the costs and completes. Both disabled at the end, the staff account last: it disabled = seeded (skipped). Otherwise
 * (an earlier run stopped half-way) the same commands are sent again with the same idempotency keys and business
 * times (anchored on the staff account's creation), so what was done already is answered again, not repeated.
 */
async function seedSchoolWorkOrders(admin, { code, phones, orders }, h) {
  const { call, post, findAccount, seedingSession, command, identity } = h;
  const facilities = `${h.facilitiesBase}/work-orders`;
  const school = h.districtSchools.find((s) => s.code === code);
  const staffName = `demo.seed.${code.toLowerCase()}`;
  const adminName = `${staffName}.admin`;
  const staffAccount = await findAccount(admin, staffName);
  if (staffAccount?.status === 'disabled') return 0;
  const adminAccount = await findAccount(admin, adminName);
  const reporter = await seedingSession(
    admin,
    { username: staffName, displayName: `演示数据·报修（${school.name}）`, phone: phones[0], role: 'school-staff', schoolId: code, posts: ['teacher'] },
    staffAccount,
  );
  const repairer = await seedingSession(
    admin,
    { username: adminName, displayName: `演示数据·派单（${school.name}）`, phone: phones[1], role: 'school-admin', schoolId: code, posts: ['logistics-director'] },
    adminAccount,
  );
  const hoursBefore = (hours) => new Date(reporter.createdAt - hours * 3_600_000).toISOString();
  const named = await ledgerAssetsOf(h, reporter.bearer, orders.map((o) => o.asset).filter(Boolean));
  let lastPosition;

  for (const [i, order] of orders.entries()) {
    const key = (step) => `demo-${code}-${i}-${step}`;
    const at = (hours) => ({ occurredAt: hoursBefore(hours) });
    const send = (step, bearer, body) => post(`${facilities}/${workOrderId}/${step}`, bearer, key(step.replace('/', '-')), body);
    const assetId = order.asset && named.get(order.asset)?.assetId;
    // The asset's earlier completion must be in the list before a repeat is reported (read-your-writes).
    if (assetId && lastPosition) await call('GET', `${facilities}?assetId=${assetId}&consistentWith=${lastPosition}`, { bearer: reporter.bearer });
    const { workOrderId } = await post(facilities, reporter.bearer, key('report'), { ...order.report, ...(assetId && { assetId }), ...at(order.at) });
    if (!workOrderId) throw new Error(`demo work order ${code} ${i}: no workOrderId in the answer`);
    if (order.assigned) await send('assign', repairer.bearer, { assignee: order.assigned[1], ...at(order.assigned[0]) });
    if (order.dispatched) {
      const { to, ...repairerFields } = order.dispatched[1];
      await send(`dispatch/${to}`, repairer.bearer, { ...repairerFields, ...at(order.dispatched[0]) });
    }
    if (order.started !== undefined) await send('start', repairer.bearer, at(order.started));
    if (order.costs) await send('costs', repairer.bearer, { parts: order.costs[1], labourFen: order.costs[2], ...at(order.costs[0]) });
    if (order.completed !== undefined) lastPosition = (await send('complete', repairer.bearer, { note: '已处理', ...at(order.completed) })).position ?? lastPosition;
    if (order.reopened) await send('reject', reporter.bearer, { reason: order.reopened[1], ...at(order.reopened[0]) });
    if (order.completedAgain !== undefined) await post(`${facilities}/${workOrderId}/complete`, repairer.bearer, key('complete-again'), { note: '已更换阀门', ...at(order.completedAgain) });
    if (order.verified) {
      const [hours, rating, comment] = order.verified;
      await send('verify', reporter.bearer, { rating, ...(comment && { comment }), ...at(hours) });
    }
  }
  // Done: nobody knows their passwords, and now nobody can log in with them either.
  await command(admin, `${identity}/accounts/${repairer.id}/disable`, adminName);
  await command(admin, `${identity}/accounts/${reporter.id}/disable`, staffName);
  return orders.length;
}

/** The demo work orders of the demo schools (`h.districtSchools`). `h`: seed-demo.js's HTTP and account helpers. */
async function seedWorkOrders(admin, h) {
  const { say } = h;
  try {
    const response = await fetch(`${h.facilitiesBase}/health`, { signal: AbortSignal.timeout(3000) });
    if (!response.ok) throw new Error(String(response.status));
  } catch {
    say(`facilities is not running at ${h.facilitiesBase}: demo work orders skipped`);
    return;
  }
  const schools = workOrderSchools.filter((s) => h.districtSchools.some((d) => d.code === s.code));
  const seeded = [];
  let orders = 0;
  for (const school of schools) {
    const n = await seedSchoolWorkOrders(admin, school, h);
    orders += n;
    if (n > 0) seeded.push(school.code);
  }
  const codes = schools.map((s) => s.code).join(', ');
  say(
    seeded.length > 0
      ? `demo work orders: ${orders} of ${seeded.join(', ')} sent through identity's login by the seeding accounts demo.seed.<school>[.admin], disabled afterwards (a command sent before is answered again by its idempotency key, not repeated)`
      : `demo work orders of ${codes} seeded already, nothing new`,
  );
}

module.exports = { seedWorkOrders, workOrderSchools };
