/**
 * Web component tests: Testing Library's async queries (findBy…, waitFor) wait up to 10 s instead of 1 s. On a busy
 * 2-core CI machine antd's first render of a page can take longer than a second; the assertions stay the same.
 */
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 10_000 });
