/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets several builds (a benchmark, a second test server) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
};

export default nextConfig;
