declare module 'dmn-moddle' {
  interface Moddle {
    fromXML(xml: string, typeName?: string): Promise<{ rootElement: unknown; warnings: unknown[] }>;
  }
  export function DmnModdle(packages?: Record<string, unknown>, options?: Record<string, unknown>): Moddle;
}
