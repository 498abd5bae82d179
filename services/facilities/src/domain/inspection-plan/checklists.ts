import { ChecklistItem, InspectionKind } from '@houqin/contracts';

const items = (prefix: string, texts: [zh: string, en: string][]): ChecklistItem[] =>
  texts.map(([textZh, text], i) => ({ itemId: `${prefix}-${String(i + 1).padStart(2, '0')}`, textZh, text }));

/**
 * The standard checklist of each kind, shipped as data: a plan starts from it and may replace it.
 * Items follow the usual school patrol forms (消防设施巡查记录表, 电梯日常检查表 and the like).
 */
export const STANDARD_CHECKLISTS: Record<InspectionKind, ChecklistItem[]> = {
  'fire-extinguisher': items('ext', [
    ['压力表指针在绿区', 'Pressure gauge in the green zone'],
    ['铅封、保险销完好', 'Seal and safety pin intact'],
    ['瓶体无锈蚀、变形，喷管无老化破损', 'Cylinder not corroded or dented, hose not cracked'],
    ['放置位置明显、取用无遮挡', 'Placed visibly, nothing blocks access'],
    ['标识、检查卡齐全，在有效期内', 'Label and inspection tag present and in date'],
  ]),
  'fire-hydrant': items('hyd', [
    ['箱门开启灵活，箱内无杂物', 'Cabinet door opens freely, nothing stored inside'],
    ['水带、水枪、接口齐全完好', 'Hose, nozzle and couplings complete and sound'],
    ['阀门无渗漏、开关灵活', 'Valve does not leak and turns freely'],
    ['报警按钮完好', 'Alarm button intact'],
    ['周边无遮挡、标识清晰', 'Not blocked, signage clear'],
  ]),
  'fire-alarm': items('alm', [
    ['报警控制器运行正常，无故障报警', 'Control panel running, no fault indicated'],
    ['烟感、温感探测器外观完好、无遮挡', 'Smoke and heat detectors intact and uncovered'],
    ['手动报警按钮完好', 'Manual call points intact'],
    ['声光报警器工作正常', 'Sounders and beacons work'],
    ['备用电源正常', 'Backup power normal'],
  ]),
  electrical: items('ele', [
    ['配电箱（柜）门锁完好、标识清楚', 'Distribution boards locked and labelled'],
    ['无私拉乱接、线路无老化破损', 'No improvised wiring, cables not aged or damaged'],
    ['漏电保护器试跳正常', 'RCDs trip on test'],
    ['插座、开关无松动烧焦', 'Sockets and switches not loose or scorched'],
    ['配电室通风良好，无杂物堆放', 'Switch room ventilated and clear'],
  ]),
  elevator: items('lift', [
    ['使用标志、维保记录在有效期内', 'Certificate of use and maintenance record in date'],
    ['轿厢内应急呼叫（五方通话）可用', 'Car emergency intercom works'],
    ['层门、轿门开关正常，无异响', 'Landing and car doors open and close normally, no noise'],
    ['平层准确、运行平稳', 'Levels accurately, runs smoothly'],
    ['应急照明、通风正常', 'Emergency lighting and ventilation work'],
    ['机房（井道）清洁，无杂物', 'Machine room and shaft clean and clear'],
  ]),
  playground: items('pg', [
    ['地面平整、无坑洼积水', 'Surface even, no holes or standing water'],
    ['围栏、护网牢固无破损', 'Fences and nets firm and undamaged'],
    ['游乐设施固定牢固、无尖锐边角', 'Play equipment anchored, no sharp edges'],
    ['跑道、塑胶面层无起鼓脱落', 'Track surface not blistered or peeling'],
  ]),
  'sports-equipment': items('sp', [
    ['篮球架、足球门固定牢固，配重齐全', 'Basketball stands and goals anchored, counterweights in place'],
    ['单双杠、肋木无松动锈蚀', 'Bars and wall bars not loose or rusted'],
    ['器材无破损、开焊、尖锐突出物', 'Equipment not broken, welds sound, no sharp protrusions'],
    ['器材室存放整齐，出借登记完整', 'Store room tidy, loans logged'],
  ]),
  laboratory: items('lab', [
    ['危险化学品双人双锁、台账相符', 'Hazardous chemicals under two locks, ledger matches stock'],
    ['通风橱、排风正常', 'Fume hoods and extraction work'],
    ['洗眼器、喷淋、灭火毯可用', 'Eyewash, shower and fire blanket usable'],
    ['水电气阀门关闭、线路完好', 'Water, power and gas shut off, wiring sound'],
    ['废液分类收集、标识清楚', 'Waste liquids collected by class and labelled'],
  ]),
  library: items('lib', [
    ['书架稳固、无倾斜', 'Shelves firm and upright'],
    ['消防通道畅通、安全出口标志完好', 'Fire routes clear, exit signs intact'],
    ['照明、电气线路正常', 'Lighting and wiring normal'],
    ['防潮、防虫措施到位', 'Damp and pest control in place'],
  ]),
};
