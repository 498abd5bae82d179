import { Component, ReactNode } from 'react';
import { Alert } from 'antd';
import { translate } from '../i18n/messages';

/** A render error shows a sentence instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const lang = localStorage.getItem('houqin.lang') === 'en' ? 'en' : 'zh-CN';
    // An Alert, not a Result: the boundary is in the first download, and Result brings its pictures.
    return <Alert type="error" showIcon title={translate(lang, 'app.crashed')} style={{ margin: 48 }} />;
  }
}
