import type { Field, ItemType, Level, Role } from '../roles.js';

/** The 三明市 demo: organisations, enforcement bodies, users of every role at every level, certificates and items. */
export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoOrganisation {
  key: string;
  parent: string | null;
  name: string;
  level: Level;
  code: string;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { key: 'sanming', parent: null, name: '三明市', level: 'city', code: '350400' },
  { key: 'sanyuan', parent: 'sanming', name: '三元区', level: 'county', code: '350404' },
  { key: 'shaxian', parent: 'sanming', name: '沙县区', level: 'county', code: '350405' },
  { key: 'youxi', parent: 'sanming', name: '尤溪县', level: 'county', code: '350426' },
  { key: 'datian', parent: 'sanming', name: '大田县', level: 'county', code: '350425' },
  { key: 'liedong', parent: 'sanyuan', name: '列东街道', level: 'township', code: '350404001' },
  { key: 'chengguan-sy', parent: 'sanyuan', name: '城关街道', level: 'township', code: '350404003' },
  { key: 'yanqian', parent: 'sanyuan', name: '岩前镇', level: 'township', code: '350404102' },
  { key: 'fenggang', parent: 'shaxian', name: '凤岗街道', level: 'township', code: '350405001' },
  { key: 'xiamao', parent: 'shaxian', name: '夏茂镇', level: 'township', code: '350405101' },
  { key: 'chengguan-yx', parent: 'youxi', name: '城关镇', level: 'township', code: '350426100' },
  { key: 'xicheng', parent: 'youxi', name: '西城镇', level: 'township', code: '350426101' },
  { key: 'junxi', parent: 'datian', name: '均溪镇', level: 'township', code: '350425100' },
];

export interface DemoBody {
  key: string;
  organisation: string;
  name: string;
  field: Field;
}

const COUNTY_BODIES: Array<[suffix: string, name: string, field: Field]> = [
  ['cg', '城市管理局', 'urban_management'],
  ['ny', '农业农村局', 'agriculture'],
  ['zj', '住房和城乡建设局', 'housing_construction'],
  ['sj', '市场监督管理局', 'market_regulation'],
  ['sf', '司法局', 'justice'],
];

export const DEMO_BODIES: DemoBody[] = [
  ...COUNTY_BODIES.map(([suffix, name, field]) => ({ key: `sanming-${suffix}`, organisation: 'sanming', name: `三明市${name}`, field })),
  { key: 'sanming-hj', organisation: 'sanming', name: '三明市生态环境局', field: 'ecology_environment' },
  ...['sanyuan', 'shaxian', 'youxi', 'datian'].flatMap((county) => {
    const countyName = DEMO_ORGANISATIONS.find((o) => o.key === county)!.name;
    return COUNTY_BODIES.map(([suffix, name, field]) => ({ key: `${county}-${suffix}`, organisation: county, name: `${countyName}${name}`, field }));
  }),
  ...DEMO_ORGANISATIONS.filter((o) => o.level === 'township').map((o) => ({
    key: `${o.key}-zf`,
    organisation: o.key,
    name: `${DEMO_ORGANISATIONS.find((p) => p.key === o.parent)!.name}${o.name}${o.name.endsWith('街道') ? '办事处' : '人民政府'}`,
    field: 'township_comprehensive' as Field,
  })),
];

export interface DemoUser {
  username: string;
  displayName: string;
  roles: Role[];
  organisation: string;
  body: string | null;
  certificate?: { number: string; validFrom: string; validTo: string };
}

const ACTIVE = { validFrom: '2024-01-01', validTo: '2029-12-31' };

export const DEMO_USERS: DemoUser[] = [
  // 市级
  { username: 'city-admin', displayName: '市级系统管理员', roles: ['administrator'], organisation: 'sanming', body: null },
  { username: 'city-supervisor', displayName: '林监督（市司法局）', roles: ['supervisor'], organisation: 'sanming', body: 'sanming-sf' },
  { username: 'city-designer', displayName: '陈法制（市司法局流程设计）', roles: ['process_designer'], organisation: 'sanming', body: 'sanming-sf' },
  { username: 'city-head', displayName: '王局长（市城管局）', roles: ['agency_head'], organisation: 'sanming', body: 'sanming-cg' },
  { username: 'city-reviewer', displayName: '郑审核（市城管局）', roles: ['legal_reviewer'], organisation: 'sanming', body: 'sanming-cg' },
  { username: 'city-officer', displayName: '张执法（市城管局）', roles: ['officer'], organisation: 'sanming', body: 'sanming-cg', certificate: { number: '35040020240001', ...ACTIVE } },
  { username: 'city-officer2', displayName: '李执法（市城管局）', roles: ['officer'], organisation: 'sanming', body: 'sanming-cg', certificate: { number: '35040020210002', validFrom: '2021-01-01', validTo: '2025-12-31' } },
  // 县级: 三元区, plus 沙县区 to show that counties do not see each other
  { username: 'sanyuan-admin', displayName: '三元区系统管理员', roles: ['administrator'], organisation: 'sanyuan', body: null },
  { username: 'sanyuan-supervisor', displayName: '黄监督（三元区司法局）', roles: ['supervisor'], organisation: 'sanyuan', body: 'sanyuan-sf' },
  { username: 'sanyuan-designer', displayName: '吴法制（三元区司法局）', roles: ['process_designer'], organisation: 'sanyuan', body: 'sanyuan-sf' },
  { username: 'sanyuan-head', displayName: '刘局长（三元区城管局）', roles: ['agency_head'], organisation: 'sanyuan', body: 'sanyuan-cg' },
  { username: 'sanyuan-reviewer', displayName: '周审核（三元区城管局）', roles: ['legal_reviewer'], organisation: 'sanyuan', body: 'sanyuan-cg' },
  { username: 'sanyuan-officer', displayName: '赵执法（三元区城管局）', roles: ['officer'], organisation: 'sanyuan', body: 'sanyuan-cg', certificate: { number: '35040420240011', ...ACTIVE } },
  { username: 'sanyuan-officer2', displayName: '孙执法（三元区城管局）', roles: ['officer'], organisation: 'sanyuan', body: 'sanyuan-cg', certificate: { number: '35040420240012', ...ACTIVE } },
  { username: 'shaxian-supervisor', displayName: '何监督（沙县区司法局）', roles: ['supervisor'], organisation: 'shaxian', body: 'shaxian-sf' },
  { username: 'shaxian-officer', displayName: '郭执法（沙县区城管局）', roles: ['officer'], organisation: 'shaxian', body: 'shaxian-cg', certificate: { number: '35040520240021', ...ACTIVE } },
  // 乡级: 列东街道
  { username: 'liedong-admin', displayName: '列东街道系统管理员', roles: ['administrator'], organisation: 'liedong', body: null },
  { username: 'liedong-supervisor', displayName: '马监督（列东司法所）', roles: ['supervisor'], organisation: 'liedong', body: null },
  { username: 'liedong-designer', displayName: '罗法制（列东街道）', roles: ['process_designer'], organisation: 'liedong', body: null },
  { username: 'liedong-head', displayName: '高主任（列东街道）', roles: ['agency_head'], organisation: 'liedong', body: 'liedong-zf' },
  { username: 'liedong-reviewer', displayName: '梁审核（列东街道）', roles: ['legal_reviewer'], organisation: 'liedong', body: 'liedong-zf' },
  { username: 'liedong-officer', displayName: '谢执法（列东街道）', roles: ['officer'], organisation: 'liedong', body: 'liedong-zf', certificate: { number: '35040400124031', ...ACTIVE } },
  { username: 'liedong-officer2', displayName: '韩执法（列东街道）', roles: ['officer'], organisation: 'liedong', body: 'liedong-zf', certificate: { number: '35040400124032', ...ACTIVE } },
];

export interface DemoItem {
  code: string;
  name: string;
  type: ItemType;
  legalBasis: string;
  body: string;
  delegatedToTownship: boolean;
}

export const DEMO_ITEMS: DemoItem[] = [
  { code: '350400-CG-CF-001', name: '对擅自占用、挖掘城市道路的行政处罚', type: 'penalty', legalBasis: '《城市道路管理条例》第二十七条、第四十二条', body: 'sanming-cg', delegatedToTownship: false },
  { code: '350400-CG-JC-001', name: '对城市道路占用情况的行政检查', type: 'inspection', legalBasis: '《城市道路管理条例》第三十九条', body: 'sanming-cg', delegatedToTownship: false },
  { code: '350400-NY-CF-001', name: '对销售假种子的行政处罚', type: 'penalty', legalBasis: '《中华人民共和国种子法》第四十八条、第七十四条', body: 'sanming-ny', delegatedToTownship: false },
  { code: '350400-SJ-QZ-001', name: '查封、扣押不符合食品安全标准的食品', type: 'coercion', legalBasis: '《中华人民共和国食品安全法》第一百一十条', body: 'sanming-sj', delegatedToTownship: false },
  { code: '350400-ZJ-JC-001', name: '对建筑施工现场扬尘防治的行政检查', type: 'inspection', legalBasis: '《中华人民共和国大气污染防治法》第六十九条', body: 'sanming-zj', delegatedToTownship: false },
  { code: '350404-CG-CF-001', name: '对随意倾倒、抛撒或者堆放生活垃圾的行政处罚', type: 'penalty', legalBasis: '《城市市容和环境卫生管理条例》第三十四条；《中华人民共和国固体废物污染环境防治法》第一百一十一条', body: 'sanyuan-cg', delegatedToTownship: true },
  { code: '350404-CG-CF-002', name: '对擅自设置户外广告设施的行政处罚', type: 'penalty', legalBasis: '《城市市容和环境卫生管理条例》第十一条、第三十六条', body: 'sanyuan-cg', delegatedToTownship: false },
  { code: '350404-CG-QZ-001', name: '扣押违法占道经营的工具和物品', type: 'coercion', legalBasis: '《中华人民共和国行政强制法》第九条、第二十二条', body: 'sanyuan-cg', delegatedToTownship: true },
  { code: '350405-CG-CF-001', name: '对在城市建筑物、设施上乱涂乱画的行政处罚', type: 'penalty', legalBasis: '《城市市容和环境卫生管理条例》第十七条、第三十四条', body: 'shaxian-cg', delegatedToTownship: true },
  { code: '350404001-ZF-JC-001', name: '对辖区沿街店铺门前三包的行政检查', type: 'inspection', legalBasis: '《福建省城市市容和环境卫生管理办法》第十条', body: 'liedong-zf', delegatedToTownship: false },
];
