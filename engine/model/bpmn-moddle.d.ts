// bpmn-moddle ships no typings for its entry point; the engine reads its output through ModdleElement.
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, object>);
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: unknown; warnings: Array<{ message: string }> }>;
  }
}
