# valley-paths.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot valley-paths.gp                  writes valley-paths.png and valley-paths.svg
#   gnuplot -c valley-paths.gp terminal      draws it in the terminal
#   gnuplot -c valley-paths.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'valley-paths.png'
svg_file = (ARGC > 2) ? ARG3 : 'valley-paths.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 1000,700 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 1000,700 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 120,40 noenhanced; set output }
  set multiplot layout 2,2 title 'Thirty steps on f(x, y) = x²/20 + y² from (−7, 2)'
  # — panel 'SGD' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'SGD'; set xlabel 'x'; set ylabel 'y'
  set xrange [-10:10]; set yrange [-5:5]
  set format x '% h'
  set format y '% h'
  unset key
  set view map; set contour base; set cntrparam levels discrete 0.25,0.5,1,2,3,4,5,6,7
  set border 15; set xtics mirror; set ytics mirror; set grid
  splot 'valley-surface.dat' using 1:2:3 with lines nosurface notitle, \
        'valley-paths.dat' using 2:3:(0) with linespoints pt 7 ps 0.7 lw 1.2 lc rgb '#d62728' title 'SGD' nocontour, \
        'valley-paths.dat' using (0):(0):(0) with points pt 7 ps 0.6 lc rgb 'black' title 'minimum' nocontour
  # — panel 'Momentum' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Momentum'; set xlabel 'x'; set ylabel 'y'
  set xrange [-10:10]; set yrange [-5:5]
  set format x '% h'
  set format y '% h'
  unset key
  set view map; set contour base; set cntrparam levels discrete 0.25,0.5,1,2,3,4,5,6,7
  set border 15; set xtics mirror; set ytics mirror; set grid
  splot 'valley-surface.dat' using 1:2:3 with lines nosurface notitle, \
        'valley-paths.dat' using 4:5:(0) with linespoints pt 7 ps 0.7 lw 1.2 lc rgb '#d62728' title 'Momentum' nocontour, \
        'valley-paths.dat' using (0):(0):(0) with points pt 7 ps 0.6 lc rgb 'black' title 'minimum' nocontour
  # — panel 'AdaGrad' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'AdaGrad'; set xlabel 'x'; set ylabel 'y'
  set xrange [-10:10]; set yrange [-5:5]
  set format x '% h'
  set format y '% h'
  unset key
  set view map; set contour base; set cntrparam levels discrete 0.25,0.5,1,2,3,4,5,6,7
  set border 15; set xtics mirror; set ytics mirror; set grid
  splot 'valley-surface.dat' using 1:2:3 with lines nosurface notitle, \
        'valley-paths.dat' using 6:7:(0) with linespoints pt 7 ps 0.7 lw 1.2 lc rgb '#d62728' title 'AdaGrad' nocontour, \
        'valley-paths.dat' using (0):(0):(0) with points pt 7 ps 0.6 lc rgb 'black' title 'minimum' nocontour
  # — panel 'Adam' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'Adam'; set xlabel 'x'; set ylabel 'y'
  set xrange [-10:10]; set yrange [-5:5]
  set format x '% h'
  set format y '% h'
  unset key
  set view map; set contour base; set cntrparam levels discrete 0.25,0.5,1,2,3,4,5,6,7
  set border 15; set xtics mirror; set ytics mirror; set grid
  splot 'valley-surface.dat' using 1:2:3 with lines nosurface notitle, \
        'valley-paths.dat' using 8:9:(0) with linespoints pt 7 ps 0.7 lw 1.2 lc rgb '#d62728' title 'Adam' nocontour, \
        'valley-paths.dat' using (0):(0):(0) with points pt 7 ps 0.6 lc rgb 'black' title 'minimum' nocontour
  unset multiplot
  set output
}
