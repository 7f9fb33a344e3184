// @vitest-environment happy-dom
/** Which text "Copy repaired text" takes from a frame (src/ext/copy-content.ts `selectedText`). */
import { describe, expect, it } from 'vitest';
import { selectedText } from '../../src/ext/content/copy-handlers';

const win = window as unknown as Window;

describe('selectedText', () => {
  it("takes a focused text field's selected part", () => {
    document.body.innerHTML = '<textarea id="t">鎴戜篃閬囧埌</textarea><input id="i" value="abcdef">';
    const area = document.getElementById('t') as HTMLTextAreaElement;
    area.focus();
    area.setSelectionRange(1, 3);
    expect(selectedText(win)).toBe('戜篃');
    const input = document.getElementById('i') as HTMLInputElement;
    input.focus();
    input.setSelectionRange(2, 5);
    expect(selectedText(win)).toBe('cde');
  });
  it("takes the document's selection otherwise", () => {
    document.body.innerHTML = '<p id="a">第一段</p><p id="b">第二段</p>';
    (document.activeElement as HTMLElement | null)?.blur?.();
    const range = document.createRange();
    range.setStart(document.getElementById('a')!.firstChild!, 1);
    range.setEnd(document.getElementById('b')!.firstChild!, 2);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    expect(selectedText(win)).toContain('一段');
    expect(selectedText(win)).toContain('第二');
  });
  it('gives an empty string with nothing selected', () => {
    document.body.innerHTML = '<p>text</p>';
    getSelection()!.removeAllRanges();
    expect(selectedText(win)).toBe('');
  });
});
