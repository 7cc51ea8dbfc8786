import { describe, expect, it } from 'vitest';
import { unreachableReason } from './reachability';

describe('unreachableReason', () => {
  it('names addresses another phone cannot open', () => {
    const reason = (url: string) => unreachableReason(new URL(url));
    expect(reason('http://localhost:5173/')).toBe('localhost');
    expect(reason('http://127.0.0.1:4173/')).toBe('localhost');
    expect(reason('http://[::1]/')).toBe('localhost');
    expect(reason('https://10.0.0.5/')).toBe('private-address');
    expect(reason('https://172.20.1.1/')).toBe('private-address');
    expect(reason('https://192.168.1.20/app/')).toBe('private-address');
    expect(reason('https://diary.local/')).toBe('private-address');
    expect(reason('http://hs-diary.example.org/')).toBe('insecure');
    expect(reason('https://hs-diary.example.org/app/')).toBeNull();
    expect(reason('https://172.32.1.1/')).toBeNull();
  });
});
