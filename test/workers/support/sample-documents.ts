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
  // the penalty procedures' other documents (processes/penalty-ordinary.bpmn, penalty-summary.bpmn, criminal-transfer.bpmn)
  'not-filing-approval': {
    kind: 'not-filing-approval',
    fields: {
      ...party, caseCause: '擅自占用城市道路', clueSource: '投诉举报', clueReceivedAt: '2026-09-21T09:00:00+08:00', clueSummary: '店外占道经营',
      reason: '超过行政处罚追责时效：违法行为自2024-03-10起计算，至2026-09-21发现，已超过2年', reasonBasis: '《中华人民共和国行政处罚法》第三十六条',
    },
    mustShow: ['不予立案审批表', '案件来源', '投诉举报', '发现或者收到线索时间', '2026年9月21日9时', '三明市某某餐饮有限公司', '不予立案的理由', '超过行政处罚追责时效', '不予立案的依据', '《中华人民共和国行政处罚法》第三十六条', '违法行为在二年内未被发现的，不再给予行政处罚'],
  },
  'evidence-preservation-notice': {
    kind: 'evidence-preservation-notice',
    fields: {
      ...party, caseCause: '擅自占用城市道路', reason: '当事人拒不撤回占道桌椅', approvedAt: '2026-09-23T15:00:00+08:00', storagePlace: '三元区城市管理局暂扣物品仓库',
      items: [{ name: '折叠餐桌', specification: '1.2米', quantity: 12, unit: '张', condition: '完好' }],
    },
    mustShow: ['先行登记保存通知书', '证据可能灭失或者以后难以取得', '经本机关负责人于2026年9月23日15时批准', '《中华人民共和国行政处罚法》第五十六条', '折叠餐桌', '保存地点：三元区城市管理局暂扣物品仓库', '不得销毁或者转移', '七个工作日内'],
  },
  'preserved-evidence-decision': {
    kind: 'preserved-evidence-decision',
    fields: { ...party, caseCause: '擅自占用城市道路', noticeNumber: '明城管先保〔2026〕1号', preservedAt: '2026-09-23T15:00:00+08:00', measure: '解除先行登记保存', reason: '已拍照、录像固定证据' },
    mustShow: ['先行登记保存物品处理决定书', '明城管先保〔2026〕1号', '2026年9月23日15时', '七日内作出如下处理决定', '处理决定：解除先行登记保存', '理由：已拍照、录像固定证据'],
  },
  'no-penalty-decision': {
    kind: 'no-penalty-decision',
    fields: {
      ...party, caseCause: '擅自占用城市道路', ground: '违法行为轻微，依法可以不予行政处罚', findings: '当事人于2026年9月18日在店外摆放桌椅，当日即撤回', evidence: ['现场检查笔录', '询问笔录'],
      reasons: '当事人初次违法，危害后果轻微并及时改正', legalBasis: '《中华人民共和国行政处罚法》第三十三条第一款', reconsiderationAuthority: '三明市人民政府', litigationCourt: '三明市三元区人民法院',
    },
    mustShow: ['不予行政处罚决定书', '调查认定的事实和证据', '现场检查笔录', '违法行为轻微，依法可以不予行政处罚', '《中华人民共和国行政处罚法》第三十三条第一款', '决定对当事人不予行政处罚', '六十日内向三明市人民政府申请行政复议', '六个月内依法向三明市三元区人民法院提起行政诉讼'],
  },
  'surcharge-notice': {
    kind: 'surcharge-notice',
    fields: { ...party, decisionNumber: '明城管罚决〔2026〕12号', fineAmount: 8000, paymentDeadline: '2026-10-14', surchargeFrom: '2026-10-15', dailyAmount: 240, capReachedOn: '2026-11-17', paymentMethod: '通过闽政通“闽执法”专区电子缴款' },
    mustShow: ['加处罚款告知书', '明城管罚决〔2026〕12号', '应当在2026年10月14日前缴纳罚款', '罚款金额：人民币8,000.00元（大写：捌仟元整）', '自2026年10月15日起，每日按罚款数额的百分之三加处罚款', '每日加处罚款：人民币240.00元', '至2026年11月17日达到罚款数额', '不予计算'],
  },
  'case-transfer-letter': {
    kind: 'case-transfer-letter',
    fields: { ...party, receivingAuthority: '三明市三元区市场监督管理局', caseCause: '擅自占用城市道路', facts: '当事人无证经营食品', reasons: '违法行为属市场监督管理部门管辖', attachments: ['现场检查笔录'] },
    mustShow: ['案件移送函', '三明市三元区市场监督管理局：', '当事人无证经营食品', '现将该案移送你机关处理', '随附材料', '现场检查笔录'],
  },
  'closure-approval': {
    kind: 'closure-approval',
    fields: {
      ...party, caseNumber: '明城管立〔2026〕5号', caseCause: '擅自占用城市道路', decisionNumber: '明城管罚决〔2026〕12号', outcome: '罚款人民币8000元', ground: '执行完毕',
      performance: '罚款已缴清', summary: '罚款已缴清，建议结案', headOpinion: '同意结案', approvedAt: '2026-10-20T10:00:00+08:00',
    },
    mustShow: ['结案审批表', '案号', '明城管立〔2026〕5号', '处理决定文书文号', '明城管罚决〔2026〕12号', '处理结果', '罚款人民币8000元', '结案情形', '执行完毕', '机关负责人意见', '同意结案', '审批时间', '2026年10月20日10时', '立卷归档'],
  },
  'on-the-spot-decision': {
    kind: 'on-the-spot-decision',
    fields: {
      partyName: '陈某某', violationFacts: '在人行道上摆摊销售水果', penaltyKind: '罚款', penaltyBasis: '《福建省城市市容和环境卫生管理办法》第二十条', fined: true, fineAmount: 200,
      paymentMethod: '到指定的银行或者通过电子支付系统缴纳', decidedAt: '2026-09-30T10:00:00+08:00', place: '三元区列东街', officers: ['赵执法（35040420240011）', '孙执法（35040420240012）'],
      reconsiderationAuthority: '三明市三元区人民政府', litigationCourt: '三明市三元区人民法院',
    },
    mustShow: ['当场行政处罚决定书', '当事人于2026年9月30日10时在三元区列东街在人行道上摆摊销售水果', '当场作出如下行政处罚：罚款', '罚款数额：人民币200.00元（大写：贰佰元整）', '十五日内缴纳罚款', '应当先在收到本决定书之日起六十日内向三明市三元区人民政府申请行政复议', '赵执法（35040420240011）'],
  },
  'criminal-transfer-letter': {
    kind: 'criminal-transfer-letter',
    fields: { ...party, policeAuthority: '三明市公安局三元分局', caseCause: '擅自占用城市道路', facts: '当事人以暴力方法阻碍执法', approvedAt: '2026-09-30T15:00:00+08:00', attachments: ['涉嫌犯罪案件情况的调查报告', '涉案物品清单'] },
    mustShow: ['涉嫌犯罪案件移送书', '三明市公安局三元分局：', '当事人以暴力方法阻碍执法', '经本机关正职负责人于2026年9月30日15时批准', '三日内作出立案或者不予立案的决定', '涉嫌犯罪案件情况的调查报告', '涉案物品清单'],
  },
  'property-transfer-notice': {
    kind: 'property-transfer-notice',
    fields: { ...party, caseCause: '擅自占用城市道路', policeAuthority: '三明市公安局三元分局', transferLetterNumber: '明城管移〔2026〕1号', property: '扣押的折叠餐桌12张' },
    mustShow: ['涉案财物移送告知书', '明城管移〔2026〕1号', '《中华人民共和国行政强制法》第二十一条', '一并移送三明市公安局三元分局', '扣押的折叠餐桌12张'],
  },
};
