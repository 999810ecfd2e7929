import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/**
 * A small builder for ONNX graphs, enough to write the tiny models the tests
 * and the benchmark run through the real transformers.js and onnxruntime
 * code. The wire format comes from protobufjs and the message definitions
 * from `onnx-subset.proto` beside this file.
 */
const FLOAT = 1;
const INT64 = 7;
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;
/** ONNX IR version 7 with the default opset 11: supported by the onnxruntime that @xenova/transformers 2 ships. */
const IR_VERSION = 7;
const OPSET = 11;

let root: protobuf.Root | undefined;
function onnxTypes(): protobuf.Root {
  // keepCase: the messages below use onnx.proto's own snake_case field names.
  root ??= new protobuf.Root().loadSync(fileURLToPath(new URL('onnx-subset.proto', import.meta.url)), { keepCase: true });
  return root;
}

export type Dim = number | string;
type Attribute = number | number[];

interface NodeSpec {
  op_type: string;
  input: string[];
  output: string[];
  name: string;
  attribute: object[];
}

export class OnnxGraph {
  private readonly nodes: NodeSpec[] = [];
  private readonly initializers: object[] = [];
  private readonly inputs: object[] = [];
  private readonly outputs: object[] = [];
  private counter = 0;

  constructor(private readonly name: string) {}

  input(name: string, elemType: 'float' | 'int64', dims: Dim[]): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  output(name: string, elemType: 'float' | 'int64', dims: Dim[]): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  floats(name: string, dims: number[], values: ArrayLike<number>): string {
    const data = Float32Array.from(values as ArrayLike<number>);
    if (data.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`${name}: ${data.length} values for dims ${dims.join('×')}`);
    this.initializers.push({ name, dims, data_type: FLOAT, raw_data: new Uint8Array(data.buffer) });
    return name;
  }

  int64s(name: string, dims: number[], values: readonly number[]): string {
    const data = BigInt64Array.from(values.map((v) => BigInt(v)));
    this.initializers.push({ name, dims, data_type: INT64, raw_data: new Uint8Array(data.buffer) });
    return name;
  }

  /** Adds a node and returns the name of its (first) output. */
  op(opType: string, inputs: string[], attributes: Record<string, Attribute> = {}, output?: string): string {
    const out = output ?? `${opType.toLowerCase()}_${++this.counter}`;
    this.nodes.push({
      op_type: opType,
      input: inputs,
      output: [out],
      name: `${out}_node`,
      attribute: Object.entries(attributes).map(([name, value]) =>
        Array.isArray(value) ? { name, type: ATTRIBUTE_INTS, ints: value } : { name, type: ATTRIBUTE_INT, i: value },
      ),
    });
    return out;
  }

  encode(): Uint8Array {
    const ModelProto = onnxTypes().lookupType('onnx.ModelProto');
    const message = {
      ir_version: IR_VERSION,
      producer_name: 'stancemap-tiny-models',
      opset_import: [{ domain: '', version: OPSET }],
      graph: { name: this.name, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    };
    const problem = ModelProto.verify(message);
    if (problem) throw new Error(`invalid ONNX model ${this.name}: ${problem}`);
    return ModelProto.encode(ModelProto.fromObject(message)).finish();
  }
}

function valueInfo(name: string, elemType: 'float' | 'int64', dims: Dim[]): object {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType === 'float' ? FLOAT : INT64,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d })) },
      },
    },
  };
}
