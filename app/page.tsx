export default function Home() {
  return <main>Disabling Cookies in Flask</main>;
}
