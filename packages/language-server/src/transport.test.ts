import { afterEach, describe, expect, it, vi } from 'vitest';
import { Emitter, type MessageReader, type MessageWriter } from 'vscode-languageserver/node.js';
import { stopOnProtocolError, transportFrom, type Transport } from './transport.js';

function fakeTransport(): { transport: Transport; error: Emitter<Error>; close: Emitter<void> } {
  const error = new Emitter<Error>();
  const close = new Emitter<void>();
  const reader = { onError: error.event, onClose: close.event } as unknown as MessageReader;
  return { transport: { reader, writer: {} as MessageWriter, stdio: true }, error, close };
}

afterEach(() => vi.restoreAllMocks());

describe('stopOnProtocolError', () => {
  it('exits with a failure code and one clear line when a message cannot be read', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const { transport, error } = fakeTransport();
    const exits: number[] = [];
    stopOnProtocolError(transport, () => false, (code) => exits.push(code));
    error.fire(new Error('Content-Length value must be a number.\nGot abc'));
    error.fire(new Error('a second error after the first'));
    expect(exits).toEqual([1]);
    expect(stderr.mock.calls.map((c) => String(c[0]))).toEqual([
      'nospof: protocol error, the language server stops so the editor can restart it: Content-Length value must be a number. Got abc\n',
    ]);
  });

  it('exits cleanly when the input closes after a shutdown request, and with a failure code before one', () => {
    const exits: number[] = [];
    const first = fakeTransport();
    stopOnProtocolError(first.transport, () => true, (code) => exits.push(code));
    first.close.fire();
    const second = fakeTransport();
    stopOnProtocolError(second.transport, () => false, (code) => exits.push(code));
    second.close.fire();
    expect(exits).toEqual([0, 1]);
  });
});

describe('transportFrom', () => {
  it('uses stdio when asked and when no transport is named', () => {
    expect(transportFrom(['lsp', '--stdio']).stdio).toBe(true);
    expect(transportFrom(['lsp']).stdio).toBe(true);
  });
});
