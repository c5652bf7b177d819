import { rendererCsp } from '../../shared/csp';

/** The desktop renderer talks to main only over IPC, so it may connect nowhere at all. */
export function electronCsp(): string {
  return rendererCsp("'none'");
}
