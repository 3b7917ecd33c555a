// Tailwind CSS v4 runs as a PostCSS plugin; it finds class names in the sources by itself.
const config = {
  plugins: {
    "@tailwindcss/postcss": {},
  },
};

export default config;
