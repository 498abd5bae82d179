import { useEffect, useState } from 'react';
import { Image, Skeleton } from 'antd';
import { getSession } from '../auth/session';
import { Service, urlOf } from '../api/client';

/**
 * An image behind the services' Bearer auth: an <img src> cannot send the token, so the bytes are fetched and shown
 * from an object URL (released on unmount). antd's Image gives the click-to-enlarge preview.
 */
export function AuthorizedImage({ service, path, alt, size = 96, testId }: { service: Service; path: string; alt: string; size?: number; testId?: string }) {
  const [src, setSrc] = useState<string>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    let url: string | undefined;
    const token = getSession()?.accessToken;
    fetch(urlOf(service, path), { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: controller.signal, credentials: 'same-origin' })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        url = URL.createObjectURL(await response.blob());
        setSrc(url);
      })
      .catch((err: Error) => {
        if (err.name !== 'AbortError') setFailed(true);
      });
    return () => {
      controller.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [service, path]);
  if (failed) return <div style={{ width: size, height: size, background: '#f5f5f5', display: 'grid', placeItems: 'center' }}>×</div>;
  if (!src) return <Skeleton.Image active style={{ width: size, height: size }} />;
  return <Image src={src} alt={alt} width={size} height={size} style={{ objectFit: 'cover' }} data-testid={testId} />;
}
