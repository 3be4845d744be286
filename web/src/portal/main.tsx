/** Being written in this change. */
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root) createRoot(root).render(<h1>旗县 · 县域创新驱动发展平台</h1>);
