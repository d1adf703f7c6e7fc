/**
 * What the generated data is made of: the user tasks of the deployed procedures (read from processes/*.bpmn, so the
 * task rows carry real element ids, names, forms and candidate roles), and the word lists for names, companies
 * and 案由.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ProcedureTask {
  procedure: string;
  seq: number;
  elementId: string;
  name: string;
  formId: string | null;
  /** officer | reviewer | head, from the candidateGroups expression `<bodyId>:<role>` */
  role: string;
}

/** The user tasks of a procedure in document order (roughly the order a case meets them). */
export async function procedureTasks(procedure: string): Promise<ProcedureTask[]> {
  const xml = await readFile(path.join(ROOT, 'processes', `${procedure}.bpmn`), 'utf8');
  const tasks: ProcedureTask[] = [];
  for (const match of xml.matchAll(/<bpmn:userTask id="([^"]+)" name="([^"]+)"[^>]*>([\s\S]*?)<\/bpmn:userTask>/g)) {
    const body = match[3] ?? '';
    const role = /candidateGroups="[^"]*:(officer|reviewer|head)/.exec(body)?.[1] ?? 'officer';
    tasks.push({ procedure, seq: tasks.length + 1, elementId: match[1]!, name: match[2]!, formId: /formId="([^"]+)"/.exec(body)?.[1] ?? null, role });
  }
  if (tasks.length === 0) throw new Error(`Expected user tasks in processes/${procedure}.bpmn, but found none`);
  return tasks;
}

/** kind, procedure, share of all cases */
export const PROCEDURE_MIX: Array<[kind: string, procedure: string, share: number]> = [
  ['penalty', 'penalty-ordinary', 0.35],
  ['penalty', 'penalty-summary', 0.25],
  ['inspection', 'inspection', 0.3],
  ['coercion', 'coercive-measure', 0.1],
];

/** The busiest bodies first (a Zipf-like spread: weight 1/rank); every other demo body follows in seed order. */
export const BUSY_BODIES = ['sanyuan-cg', 'sanming-cg', 'shaxian-cg', 'sanming-sj', 'youxi-cg', 'sanyuan-sj', 'datian-cg', 'sanming-hj'];

/** Common surnames, the most common repeated so that they come up more often. */
export const SURNAMES = [
  ...'王王王李李李张张张刘刘陈陈杨黄赵吴周徐孙马朱胡郭何林林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤',
];

export const GIVEN_NAME_CHARS = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力鹏斌宇浩凯健俊帆帅旭宁龙林欣佳琳晨雪梅丹志海波荣金燕云峰春国亮成东鑫婷'];

export const TRADE_NAME_CHARS = [...'鑫源恒达宏发永盛华金鼎瑞丰顺兴隆福天成嘉禾万通汇银河博远中泰新阳明辉佳美安康乐富贵祥和盛世长青山水闽沙溪'];

export const TRADES = ['建材', '餐饮管理', '商贸', '食品', '装饰工程', '物流', '农业开发', '广告', '建筑工程', '汽车服务', '超市', '酒店管理', '环保科技', '小吃', '种业', '五金'];

export const COMPANY_PLACES = ['三明市', '三明市三元区', '沙县', '尤溪县', '大田县', '三明'];

export const COMPANY_FORMS = ['有限公司', '有限责任公司', '股份有限公司', '店', '经营部'];

/** 案由 by kind; the party's name is put in front (`<party>涉嫌…案`). */
export const TITLES: Record<string, string[]> = {
  penalty: [
    '涉嫌随意倾倒生活垃圾案',
    '涉嫌擅自设置户外广告设施案',
    '涉嫌擅自占用城市道路案',
    '涉嫌销售假种子案',
    '涉嫌销售不符合食品安全标准的食品案',
    '涉嫌在城市建筑物上乱涂乱画案',
    '涉嫌未按规定采取扬尘防治措施案',
    '涉嫌超标排放大气污染物案',
    '涉嫌无证经营案',
    '涉嫌违法占道经营案',
    '涉嫌未经许可擅自施工案',
    '涉嫌销售过期食品案',
  ],
  inspection: ['门前三包落实情况检查', '建筑施工现场扬尘防治检查', '城市道路占用情况检查', '食品经营场所日常检查', '农资经营场所检查', '排污单位现场检查'],
  coercion: ['扣押违法占道经营的工具和物品', '查封不符合食品安全标准的食品', '扣押涉嫌假冒种子', '查封违法建设施工现场'],
};

/** Area codes (行政区划代码) of 三明 for ID numbers and credit codes. */
export const AREA_CODES = ['350402', '350403', '350404', '350405', '350421', '350423', '350424', '350425', '350426', '350427', '350428', '350429', '350430', '350481'];

export const STREETS = ['列东街', '新市中路', '梅岭路', '东新二路', '城关大道', '府西路', '建设路', '沙阳路', '中山路', '解放路'];
