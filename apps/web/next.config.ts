import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Loaded by Node at run time instead of bundled: ws picks its optional native helpers with require().
  serverExternalPackages: ['ws'],
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          // Invitation tokens travel in the URL: never send it on to other sites.
          { key: 'Referrer-Policy', value: 'no-referrer' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
        ],
      },
    ];
  },
};

export default nextConfig;
