/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets several builds (a benchmark, a second test server) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  async redirects() {
    return [
      // The article's address on the original Jekyll blog.
      { source: "/2016/04/06/disabling-cookies-in-flask.html", destination: "/disabling-cookies-in-flask", permanent: true },
    ];
  },
};

export default nextConfig;
