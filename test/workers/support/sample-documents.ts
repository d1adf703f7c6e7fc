/**
 * One realistic case per document kind, with the labels and values the law requires each document to show
 * (处罚法 Arts 44, 45, 59, 64; 强制法 Arts 24, 35; 民诉法 Art 87). Shared by the unit tests of the layout and the
 * worker tests that read the generated PDF and DOCX back.
 */
export interface SampleDocument {
  kind: string;
  fields: Record<string, unknown>;
  /** Text that must appear in the document: the statutory items' labels and the case's values. */
  mustShow: string[];
}

const party = { partyName: '三明市某某餐饮有限公司', partyAddress: '三明市三元区列东街道新市北路123号' };

export const SAMPLE_DOCUMENTS: Record<string, SampleDocument> = {
  'penalty-decision': {
    kind: 'penalty-decision',
    fields: {
      ...party,
      partyIdNumber: '91350400MA2Y0000X1',
      legalRepresentative: '王某某',
      caseCause: '擅自占用城市道路',
      violationFacts: '当事人于2026年2月3日在三元区新市北路擅自占用城市道路摆放桌椅经营，占道面积约二十平方米。',
      evidence: ['现场检查笔录一份', '询问笔录二份', '现场照片六张'],
      provisionsViolated: '《城市道路管理条例》第二十七条第（一）项',
      statementSummary: '当事人在法定期限内未提出陈述、申辩。',
      penaltyBasis: '《城市道路管理条例》第四十二条',
      penaltyContent: '罚款人民币5000元',
      fineAmount: 5000,
      performanceMethod: '通过“闽执法”平台缴款或者到指定银行缴纳',
      reconsiderationAuthority: '三明市人民政府',
      litigationCourt: '三明市三元区人民法院',
    },
    mustShow: [
      '行政处罚决定书', '当事人：三明市某某餐饮有限公司', '住所（地址）：三明市三元区列东街道新市北路123号',
      '违法事实和证据', '擅自占用城市道路摆放桌椅经营', '现场检查笔录一份', '询问笔录二份',
      '违反的法律、法规、规章', '《城市道路管理条例》第二十七条第（一）项',
      '行政处罚的种类、内容和依据', '《城市道路管理条例》第四十二条', '罚款人民币5000元', '伍仟元整',
      '行政处罚的履行方式和期限', '自收到本决定书之日起十五日内', '指定银行缴纳', '每日按罚款数额的百分之三加处罚款',
      '申请行政复议、提起行政诉讼的途径和期限', '六十日内向三明市人民政府申请行政复议', '六个月内依法向三明市三元区人民法院提起行政诉讼',
      '（印章）',
    ],
  },
  'penalty-advance-notice': {
    kind: 'penalty-advance-notice',
    fields: {
      ...party,
      violationFacts: '当事人于2026年2月3日在三元区新市北路擅自占用城市道路摆放桌椅经营。',
      evidence: ['现场检查笔录一份'],
      provisionsViolated: '《城市道路管理条例》第二十七条第（一）项',
      penaltyBasis: '《城市道路管理条例》第四十二条',
      proposedPenalty: '罚款人民币5000元',
      statementDeadline: '自收到本告知书之日起五个工作日内',
      hearingApplicable: true,
      contactPerson: '赵执法',
      contactPhone: '0598-8000000',
    },
    mustShow: [
      '行政处罚事先告知书', '当事人：三明市某某餐饮有限公司', '违法事实', '擅自占用城市道路摆放桌椅经营',
      '拟作出行政处罚的理由和依据', '《城市道路管理条例》第四十二条', '拟作出的行政处罚', '罚款人民币5000元',
      '陈述、申辩的权利', '自收到本告知书之日起五个工作日内', '不因当事人陈述、申辩而给予更重的处罚',
      '要求听证的权利', '当事人有权要求听证', '联系人：赵执法', '（印章）',
    ],
  },
  'hearing-notice': {
    kind: 'hearing-notice',
    fields: {
      ...party,
      caseCause: '擅自占用城市道路',
      hearingTime: '2026-03-16T09:30:00+08:00',
      hearingPlace: '三明市城市管理局三楼听证室',
      presidingOfficer: '陈主持',
      clerk: '林记录',
    },
    mustShow: [
      '听证通知书', '当事人：三明市某某餐饮有限公司', '听证时间：2026年3月16日9时30分', '听证地点：三明市城市管理局三楼听证室',
      '听证主持人：陈主持', '本次听证公开举行', '委托一至二人代理', '有权申请回避', '视为放弃听证权利', '（印章）',
    ],
  },
  'seizure-decision': {
    kind: 'seizure-decision',
    fields: {
      ...party,
      measure: '扣押',
      facts: '当事人于2026年3月1日在列东街占道经营，经责令改正拒不改正。',
      grounds: '为制止违法行为、防止证据损毁',
      legalBasis: '《中华人民共和国行政强制法》第九条、第二十二条',
      items: [
        { name: '折叠桌', specification: '1.2米', quantity: 4, unit: '张' },
        { name: '塑料凳', quantity: 16, unit: '个', condition: '旧' },
      ],
      location: '三明市三元区城市管理局暂扣物品仓库',
      periodStart: '2026-03-02',
      periodEnd: '2026-03-31',
      reconsiderationAuthority: '三明市三元区人民政府',
      litigationCourt: '三明市三元区人民法院',
    },
    mustShow: [
      '查封（扣押）决定书', '当事人：三明市某某餐饮有限公司', '扣押的事实、理由和依据', '为制止违法行为、防止证据损毁',
      '《中华人民共和国行政强制法》第九条、第二十二条', '扣押的场所、设施或者财物', '折叠桌', '塑料凳', '名称', '数量',
      '扣押的地点', '暂扣物品仓库', '扣押的期限', '自2026年3月2日起至2026年3月31日止，共30日',
      '申请行政复议、提起行政诉讼的途径和期限', '三明市三元区人民政府', '（印章）',
    ],
  },
  'enforcement-demand': {
    kind: 'enforcement-demand',
    fields: {
      ...party,
      decisionNumber: '明城管罚决〔2026〕12号',
      decisionDate: '2026-03-02',
      obligation: '缴纳罚款人民币5000元',
      performBy: '2026-05-20',
      performanceMethod: '到指定银行或者通过“闽执法”平台缴纳',
      monetary: true,
      amount: 10000,
      surchargeAmount: 5000,
      paymentMethod: '一次性缴纳至指定账户',
      statementDeadline: '自收到本催告书之日起三个工作日内',
    },
    mustShow: [
      '催告书', '当事人：三明市某某餐饮有限公司', '明城管罚决〔2026〕12号', '履行义务的期限', '请于2026年5月20日前履行上述义务',
      '履行义务的方式', '金额和给付方式', '应缴纳金额：人民币10,000.00元（大写：壹万元整）', '其中加处罚款：人民币5,000.00元',
      '一次性缴纳至指定账户', '陈述、申辩的权利', '有权进行陈述和申辩', '（印章）',
    ],
  },
  'service-receipt': {
    kind: 'service-receipt',
    fields: {
      servedDocumentTitle: '行政处罚决定书',
      servedDocumentNumber: '明城管罚决〔2026〕12号',
      recipient: '三明市某某餐饮有限公司',
      serviceAddress: '三明市三元区列东街道新市北路123号',
      serviceMethod: '直接送达',
      servers: ['赵执法', '孙执法'],
    },
    mustShow: ['送达回证', '送达文书名称', '行政处罚决定书', '明城管罚决〔2026〕12号', '受送达人', '直接送达', '送达人', '赵执法；孙执法', '受送达人签名或者盖章', '（印章）'],
  },
};
